import { formatShortDate, formatTime } from '../../time.js'
import { SEGMENT_LENGTH, gsm7Length, shortenTo, toGsm7 } from './gsm7.js'

/** "Wed 30 Sep, 10:30am": short enough for a text. */
export const smsWhen = (instant: Date): string => `${formatShortDate(instant)}, ${formatTime(instant)}`

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
 * The first of the candidate wordings that fits one GSM-7 segment (160 characters). Candidates go
 * from the fullest wording to the barest: each is tried whole first; only when none fits are titles
 * (then places) shortened with "...", the fullest wording first again. Everything is made GSM-7: a
 * single curly apostrophe would make the text UCS-2 and split it into three paid messages.
 */
export function fitSms(candidates: SmsTemplate[], parts: Shortenable, limits: FitLimits = DEFAULT_LIMITS): string {
  const title = toGsm7(parts.title).trim()
  const place = toGsm7(parts.place).trim()
  const render = (candidate: SmsTemplate, t: string, p: string) => toGsm7(candidate({ title: t, place: p }))
  const fits = (text: string) => gsm7Length(text) <= SEGMENT_LENGTH
  for (const candidate of candidates) {
    const whole = render(candidate, title, place)
    if (fits(whole)) return whole
  }
  for (const candidate of candidates) {
    let t = title
    let p = place
    const over = () => gsm7Length(render(candidate, t, p)) - SEGMENT_LENGTH
    if (limits.placeFirstCutTo !== undefined && over() > 0) p = shortenTo(p, limits.placeFirstCutTo)
    if (over() > 0) t = shortenTo(t, Math.max(limits.shortestTitle, gsm7Length(t) - over()))
    if (over() > 0) p = shortenTo(p, Math.max(limits.shortestPlace, gsm7Length(p) - over()))
    const shortened = render(candidate, t, p)
    if (fits(shortened)) return shortened
  }
  // Nothing fitted (a very long BASE_URL): the barest wording, its title cut as far as needed.
  const barest = candidates[candidates.length - 1]!
  let t = title
  while (t.length > 3 && !fits(render(barest, t, place))) t = shortenTo(t, gsm7Length(t) - 1)
  return render(barest, t, place)
}
