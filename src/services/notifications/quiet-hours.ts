import { DateTime } from 'luxon'
import { LONDON } from '../../time.js'

/** London hours in which no text is sent: from start (inclusive) to end (exclusive), may wrap midnight. */
export interface QuietHours {
  start: number
  end: number
}

/** Whether a London wall-clock instant falls in the quiet hours. */
export function inQuietHours(instant: Date, quiet: QuietHours): boolean {
  if (quiet.start === quiet.end) return false
  const hour = DateTime.fromJSDate(instant, { zone: LONDON }).hour
  return quiet.start < quiet.end ? hour >= quiet.start && hour < quiet.end : hour >= quiet.start || hour < quiet.end
}

/** The first end of the quiet hours after an instant inside them (08:00 London by default). */
export function endOfQuietHours(instant: Date, quiet: QuietHours): Date {
  const local = DateTime.fromJSDate(instant, { zone: LONDON })
  const sameDay = local.set({ hour: quiet.end, minute: 0, second: 0, millisecond: 0 })
  return (sameDay > local ? sameDay : sameDay.plus({ days: 1 })).toJSDate()
}
