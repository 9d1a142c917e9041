import { DateTime, FixedOffsetZone } from 'luxon'

/** The service's time zone: times are stored as UTC instants and shown in London time. */
export const LONDON = 'Europe/London'

export const inLondon = (instant: Date): DateTime => DateTime.fromJSDate(instant, { zone: LONDON })

/*
 * London's offset from UTC, per UTC hour. Working it out through the Europe/London zone costs an
 * Intl call for every date shown (a profile of the catalogue found it among the largest costs), yet
 * it only changes twice a year, at 01:00 UTC: within one UTC hour it is always the same. The dates a
 * page shows are formatted in a fixed-offset zone of that offset, which needs no Intl call.
 */
const offsetByHour = new Map<number, FixedOffsetZone>()

function londonWallClock(instant: Date): DateTime {
  const hour = Math.floor(instant.getTime() / 3_600_000)
  let zone = offsetByHour.get(hour)
  if (!zone) {
    // Pages show a few hundred distinct hours at most; start afresh rather than grow without end.
    if (offsetByHour.size >= 10_000) offsetByHour.clear()
    zone = FixedOffsetZone.instance(inLondon(instant).offset)
    offsetByHour.set(hour, zone)
  }
  return DateTime.fromJSDate(instant, { zone })
}

/** "Tuesday 3 March 2026" */
export const formatDate = (instant: Date): string => londonWallClock(instant).toFormat('cccc d LLLL yyyy')

/** "Tue 3 Mar" */
export const formatShortDate = (instant: Date): string => londonWallClock(instant).toFormat('ccc d LLL')

/** "10am", "10:30am", "12pm" as GOV.UK style asks (no ":00", lower-case am/pm). */
export function formatTime(instant: Date): string {
  const t = londonWallClock(instant)
  const hour = t.hour % 12 === 0 ? 12 : t.hour % 12
  const suffix = t.hour < 12 ? 'am' : 'pm'
  return t.minute === 0 ? `${hour}${suffix}` : `${hour}:${String(t.minute).padStart(2, '0')}${suffix}`
}

/** "10am to 12pm" */
export const formatTimeRange = (start: Date, end: Date): string => `${formatTime(start)} to ${formatTime(end)}`

/** "Tuesday 3 March 2026, 10am to 12pm" */
export const formatSessionTime = (start: Date, end: Date): string => `${formatDate(start)}, ${formatTimeRange(start, end)}`

/**
 * The UTC instant of a London wall-clock time, e.g. londonTime('2026-03-29', '10:00').
 * On the October change night 01:00 to 01:59 happen twice: the first (still BST) is taken, as RFC
 * 5545 and calendar programs read such a time. A time in the March gap (01:00 to 01:59 on the night
 * the clocks go forward) never happens in London and is refused: see londonTimeProblem.
 */
export function londonTime(isoDate: string, hhmm: string): Date {
  const problem = londonTimeProblem(isoDate, hhmm)
  if (problem) throw new RangeError(`${problem}: ${isoDate} ${hhmm}`)
  return firstLondonInstant(isoDate, hhmm)!
}

/** Why a London date and time can't be used, in words for a form, or undefined when it can. */
export function londonTimeProblem(isoDate: string, hhmm: string): string | undefined {
  if (!DateTime.fromISO(`${isoDate}T${hhmm}`, { zone: LONDON }).isValid) return 'Not a valid London date and time'
  if (!firstLondonInstant(isoDate, hhmm)) return 'That time does not exist in the UK: the clocks go forward an hour at 1am that night'
  return undefined
}

/** The earliest instant whose London wall-clock reading is exactly that date and time, if any. */
function firstLondonInstant(isoDate: string, hhmm: string): Date | undefined {
  const wall = DateTime.fromISO(`${isoDate}T${hhmm}`, { zone: 'UTC' })
  if (!wall.isValid) return undefined
  // London is UTC+1 (BST) or UTC+0 (GMT): try the earlier instant first.
  for (const offsetHours of [1, 0]) {
    const instant = wall.minus({ hours: offsetHours })
    const reading = instant.setZone(LONDON)
    if (reading.toFormat("yyyy-MM-dd'T'HH:mm") === wall.toFormat("yyyy-MM-dd'T'HH:mm")) return instant.toJSDate()
  }
  return undefined
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening'

/** Morning before 12pm, afternoon before 5pm, evening after, by London time. */
export function partOfDay(instant: Date): PartOfDay {
  const hour = londonWallClock(instant).hour
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening'
}
