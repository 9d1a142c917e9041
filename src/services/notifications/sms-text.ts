import { languageFacts, type Language } from '../../i18n/languages.js'
import { LONDON } from '../../time.js'
import type { LocaleFormat } from '../../i18n/format.js'
import type { Translate } from '../../i18n/translator.js'
import { localeFormat } from '../../i18n/format.js'
import { translator } from '../../i18n/translator.js'
import { gsm7Length, shortenTo, shortenToUnicode, smsCapacity, smsSize, toGsm7 } from './gsm7.js'

/**
 * "Wed 30 Sep, 10:30am": short enough for a text. Texts in Unicode have less than half the room
 * (70 a segment, not 160), so they give the date in figures: "30.09, 10:30", "30/9، 10:30 ص".
 */
export const smsWhen = (instant: Date, language: Language = 'en'): string => {
  const format: LocaleFormat = localeFormat(language)
  return translator(language)('messages:sms.when', { date: smsDate(instant, language), time: format.formatTime(instant) })
}

/** The date in a text: "Wed 30 Sep" in English, in figures in the other languages. */
export const smsDate = (instant: Date, language: Language): string =>
  language === 'en'
    ? localeFormat(language).formatShortDate(instant)
    : new Intl.DateTimeFormat(languageFacts[language].intlLocale, { day: 'numeric', month: 'numeric', timeZone: LONDON }).format(instant)

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
 * How a language's texts are written. English is made GSM-7 (160 characters a segment): a single
 * curly apostrophe would make it UCS-2 and more paid messages. Polish, Punjabi and Arabic need
 * Unicode (UCS-2, 70 a segment, 67 a part). Every text aims for one segment and takes at most two.
 */
interface Writing {
  clean: (text: string) => string
  /** Length as billed in the text's encoding. */
  length: (text: string) => number
  shorten: (text: string, max: number) => string
}

const MAX_SMS_SEGMENTS = 2

const gsm7Writing: Writing = { clean: toGsm7, length: gsm7Length, shorten: shortenTo }
const unicodeWriting: Writing = { clean: (text) => text, length: (text) => text.length, shorten: shortenToUnicode }

const writingFor = (language: Language): Writing => (language === 'en' ? gsm7Writing : unicodeWriting)

/**
 * The first of the candidate wordings that fits one segment, else two (see Writing). Candidates go
 * from the fullest wording to the barest: each is tried whole first; only when none fits are titles
 * (then places) shortened, the fullest wording first again. Only then is a second segment used,
 * the same way, and after that the `lastResort` wordings (for the languages that need Unicode, which
 * have less than half the room). Every wording keeps its link, reference and times: only the title
 * and place give.
 */
export function fitSms(
  candidates: SmsTemplate[],
  parts: Shortenable,
  limits: FitLimits = DEFAULT_LIMITS,
  language: Language = 'en',
  lastResort: SmsTemplate[] = [],
): string {
  const writing = writingFor(language)
  const title = writing.clean(parts.title).trim()
  const place = writing.clean(parts.place).trim()
  const render = (candidate: SmsTemplate, t: string, p: string) => writing.clean(candidate({ title: t, place: p }))
  const attempt = (wordings: SmsTemplate[], segments: number): string | undefined => {
    const fits = (text: string) => smsSize(text).segments <= segments
    const over = (text: string) => {
      const size = smsSize(text)
      return size.units - smsCapacity(size.encoding, segments)
    }
    for (const candidate of wordings) {
      const whole = render(candidate, title, place)
      if (fits(whole)) return whole
    }
    for (const candidate of wordings) {
      let t = title
      let p = place
      const excess = () => over(render(candidate, t, p))
      if (limits.placeFirstCutTo !== undefined && excess() > 0) p = writing.shorten(p, limits.placeFirstCutTo)
      if (excess() > 0) t = writing.shorten(t, Math.max(limits.shortestTitle, writing.length(t) - excess()))
      if (excess() > 0) p = writing.shorten(p, Math.max(limits.shortestPlace, writing.length(p) - excess()))
      const shortened = render(candidate, t, p)
      if (fits(shortened)) return shortened
    }
    return undefined
  }
  const fitted = attempt(candidates, 1) ?? attempt(candidates, MAX_SMS_SEGMENTS) ?? attempt(lastResort, MAX_SMS_SEGMENTS)
  if (fitted !== undefined) return fitted
  // Nothing fitted (a very long BASE_URL): the barest wording, its title (then place) cut as far as needed.
  const barest = [...candidates, ...lastResort].at(-1)!
  const fits = (text: string) => smsSize(text).segments <= MAX_SMS_SEGMENTS
  let t = title
  let p = place
  while (writing.length(t) > 3 && !fits(render(barest, t, p))) t = writing.shorten(t, writing.length(t) - 1)
  while (writing.length(p) > 3 && !fits(render(barest, t, p))) p = writing.shorten(p, writing.length(p) - 1)
  return render(barest, t, p)
}

/** Candidate wordings from message keys: "messages:<kind>.sms.<variant>" with the same values. */
export function smsCandidates(t: Translate, keys: readonly string[], values: Record<string, unknown>): SmsTemplate[] {
  return keys.map((key) => (parts) => t(key, { ...values, title: parts.title, place: parts.place }))
}
