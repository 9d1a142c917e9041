import type { Language } from '../../i18n/languages.js'
import type { LocaleFormat } from '../../i18n/format.js'
import type { Translate } from '../../i18n/translator.js'
import { localeFormat } from '../../i18n/format.js'
import { translator } from '../../i18n/translator.js'
import { SEGMENT_LENGTH, gsm7Length, shortenTo, shortenToUnicode, smsCapacity, smsSize, toGsm7 } from './gsm7.js'

/** "Wed 30 Sep, 10:30am" (or the language's own short form): short enough for a text. */
export const smsWhen = (instant: Date, language: Language = 'en'): string => {
  const format: LocaleFormat = localeFormat(language)
  return translator(language)('messages:sms.when', { date: format.formatShortDate(instant), time: format.formatTime(instant) })
}

/** Parts of a text that may be shortened to make it fit (never the reference, times or links). */
export interface Shortenable {
  title: string
  place: string
}

export type SmsTemplate = (parts: Shortenable) => string

/** How far the fitter may cut: a place longer than `placeFirstCutTo` is cut to it before anything else. */
export interface FitLimits {
  shortestTitle: number
  shortestPlace: number
  placeFirstCutTo?: number
}

const DEFAULT_LIMITS: FitLimits = { shortestTitle: 14, shortestPlace: 10 }

/**
 * How a language's texts are written. English is made GSM-7 and kept to one segment (160
 * characters): a single curly apostrophe would make it UCS-2 and three paid messages. Polish,
 * Punjabi and Arabic need Unicode (UCS-2, 70 a segment, 67 a part), so their texts may take two
 * segments (134 units): one would not hold a link.
 */
interface Writing {
  clean: (text: string) => string
  /** Length as billed in the text's encoding. */
  length: (text: string) => number
  shorten: (text: string, max: number) => string
  maxSegments: number
}

const gsm7Writing: Writing = { clean: toGsm7, length: gsm7Length, shorten: shortenTo, maxSegments: 1 }
const unicodeWriting: Writing = {
  clean: (text) => text,
  length: (text) => text.length,
  shorten: shortenToUnicode,
  maxSegments: 2,
}

export const smsWritingFor = (language: Language): Writing => (language === 'en' ? gsm7Writing : unicodeWriting)

/** At most this many segments for a text in this language. */
export const maxSmsSegments = (language: Language): number => smsWritingFor(language).maxSegments

/**
 * The first of the candidate wordings that fits the language's segments (see Writing). Candidates
 * go from the fullest wording to the barest: each is tried whole first; only when none fits are
 * titles (then places) shortened, the fullest wording first again.
 */
export function fitSms(candidates: SmsTemplate[], parts: Shortenable, limits: FitLimits = DEFAULT_LIMITS, language: Language = 'en'): string {
  const writing = smsWritingFor(language)
  const title = writing.clean(parts.title).trim()
  const place = writing.clean(parts.place).trim()
  const render = (candidate: SmsTemplate, t: string, p: string) => writing.clean(candidate({ title: t, place: p }))
  const fits = (text: string) => smsSize(text).segments <= writing.maxSegments
  const over = (text: string) => {
    const size = smsSize(text)
    return writing === gsm7Writing ? gsm7Length(text) - SEGMENT_LENGTH : size.units - smsCapacity(size.encoding, writing.maxSegments)
  }
  for (const candidate of candidates) {
    const whole = render(candidate, title, place)
    if (fits(whole)) return whole
  }
  for (const candidate of candidates) {
    let t = title
    let p = place
    const excess = () => over(render(candidate, t, p))
    if (limits.placeFirstCutTo !== undefined && excess() > 0) p = writing.shorten(p, limits.placeFirstCutTo)
    if (excess() > 0) t = writing.shorten(t, Math.max(limits.shortestTitle, writing.length(t) - excess()))
    if (excess() > 0) p = writing.shorten(p, Math.max(limits.shortestPlace, writing.length(p) - excess()))
    const shortened = render(candidate, t, p)
    if (fits(shortened)) return shortened
  }
  // Nothing fitted (a very long BASE_URL): the barest wording, its title cut as far as needed.
  const barest = candidates[candidates.length - 1]!
  let t = title
  while (writing.length(t) > 3 && !fits(render(barest, t, place))) t = writing.shorten(t, writing.length(t) - 1)
  return render(barest, t, place)
}

/** Candidate wordings from message keys: "messages:<kind>.sms.<variant>" with the same values. */
export function smsCandidates(t: Translate, keys: readonly string[], values: Record<string, unknown>): SmsTemplate[] {
  return keys.map((key) => (parts) => t(key, { ...values, title: parts.title, place: parts.place }))
}
