import { formatShortDate, formatTime } from '../../time.js'
import { SEGMENT_LENGTH, gsm7Length, shortenTo, toGsm7 } from '../reminders/gsm7.js'

/** "Wed 30 Sep, 10:30am": short enough for a text. */
export const smsWhen = (instant: Date): string => `${formatShortDate(instant)}, ${formatTime(instant)}`

/** Parts of a text that may be shortened to make it fit (never the reference, times or links). */
export interface Shortenable {
  title: string
  place: string
}

export type SmsTemplate = (parts: Shortenable) => string

/**
 * The first of the candidate wordings that fits one GSM-7 segment (160 characters), shortening
 * the programme title, then the place, with "..." as needed. Candidates go from the fullest
 * wording to the barest; the last should always fit. Everything is made GSM-7 first: a single
 * curly apostrophe would make the text UCS-2 and split it into three paid messages.
 */
export function fitSms(candidates: SmsTemplate[], parts: Shortenable): string {
  const title = toGsm7(parts.title).trim()
  const place = toGsm7(parts.place).trim()
  let last = ''
  for (const candidate of candidates) {
    const render = (t: string, p: string) => toGsm7(candidate({ title: t, place: p }))
    let t = title
    let p = place
    const over = () => gsm7Length(render(t, p)) - SEGMENT_LENGTH
    if (over() > 0) t = shortenTo(t, Math.max(14, gsm7Length(t) - over()))
    if (over() > 0) p = shortenTo(p, Math.max(10, gsm7Length(p) - over()))
    last = render(t, p)
    if (gsm7Length(last) <= SEGMENT_LENGTH) return last
  }
  return last
}
