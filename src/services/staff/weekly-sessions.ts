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
  const skip = new Set(repeat.skipDates ?? [])
  const first = DateTime.fromISO(repeat.firstDate, { zone: LONDON })
  if (!first.isValid) throw new RangeError(`Not a date: ${repeat.firstDate}`)
  const result: { startsAt: Date; endsAt: Date }[] = []
  for (let week = 0; result.length < repeat.sessions && week < repeat.sessions + skip.size + 1; week++) {
    const date = first.plus({ weeks: week }).toISODate()!
    if (skip.has(date)) continue
    result.push({ startsAt: at(date, repeat.startTime), endsAt: at(date, repeat.endTime) })
  }
  return result
}

const at = (date: string, time: string): Date => londonTime(date, time)
