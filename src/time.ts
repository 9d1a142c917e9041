import { DateTime } from 'luxon'

/** The service's time zone: times are stored as UTC instants and shown in London time. */
export const LONDON = 'Europe/London'

export const inLondon = (instant: Date): DateTime => DateTime.fromJSDate(instant, { zone: LONDON })

/** "Tuesday 3 March 2026" */
export const formatDate = (instant: Date): string => inLondon(instant).toFormat('cccc d LLLL yyyy')

/** "Tue 3 Mar" */
export const formatShortDate = (instant: Date): string => inLondon(instant).toFormat('ccc d LLL')

/** "10am", "10:30am", "12pm" as GOV.UK style asks (no ":00", lower-case am/pm). */
export function formatTime(instant: Date): string {
  const t = inLondon(instant)
  const hour = t.hour % 12 === 0 ? 12 : t.hour % 12
  const suffix = t.hour < 12 ? 'am' : 'pm'
  return t.minute === 0 ? `${hour}${suffix}` : `${hour}:${String(t.minute).padStart(2, '0')}${suffix}`
}

/** "10am to 12pm" */
export const formatTimeRange = (start: Date, end: Date): string => `${formatTime(start)} to ${formatTime(end)}`

/** "Tuesday 3 March 2026, 10am to 12pm" */
export const formatSessionTime = (start: Date, end: Date): string => `${formatDate(start)}, ${formatTimeRange(start, end)}`

/** The UTC instant of a London wall-clock time, e.g. londonTime('2026-03-29', '10:00'). */
export function londonTime(isoDate: string, hhmm: string): Date {
  const result = DateTime.fromISO(`${isoDate}T${hhmm}`, { zone: LONDON })
  if (!result.isValid) throw new RangeError(`Not a valid London date and time: ${isoDate} ${hhmm}`)
  return result.toJSDate()
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening'

/** Morning before 12pm, afternoon before 5pm, evening after, by London time. */
export function partOfDay(instant: Date): PartOfDay {
  const hour = inLondon(instant).hour
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening'
}
