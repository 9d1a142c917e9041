import { DateTime } from 'luxon'
import { LONDON, londonTime } from '../../time.js'

export interface WeeklyRepeat {
  /** The first session's London date, YYYY-MM-DD. */
  firstDate: string
  /** London wall-clock times, HH:mm. */
  startTime: string
  endTime: string
  /** How many sessions the course has. */
  sessions: number
  /** London dates with no session (half term, bank holidays): the course runs on a week later. */
  skipDates?: readonly string[]
}

/**
 * "Every Tuesday 10:00 to 12:00, 8 sessions, skipping these dates": the sessions as UTC instants.
 * Each is made from its own London date and wall-clock time, so a course that runs across a clock
 * change still meets at 10:00 London time every week.
 */
export function weeklySessions(repeat: WeeklyRepeat): { startsAt: Date; endsAt: Date }[] {
  return weeklyDates(repeat).map((date) => ({ startsAt: at(date, repeat.startTime), endsAt: at(date, repeat.endTime) }))
}

/** The London dates the course meets on: one a week from the first, skipping the dates to skip. */
export function weeklyDates(repeat: Pick<WeeklyRepeat, 'firstDate' | 'sessions' | 'skipDates'>): string[] {
  const skip = new Set(repeat.skipDates ?? [])
  const first = DateTime.fromISO(repeat.firstDate, { zone: LONDON })
  if (!first.isValid) throw new RangeError(`Not a date: ${repeat.firstDate}`)
  const dates: string[] = []
  for (let week = 0; dates.length < repeat.sessions && week < repeat.sessions + skip.size + 1; week++) {
    const date = first.plus({ weeks: week }).toISODate()!
    if (!skip.has(date)) dates.push(date)
  }
  return dates
}

const at = (date: string, time: string): Date => londonTime(date, time)
