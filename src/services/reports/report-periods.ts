import { DateTime } from 'luxon'
import type { PeriodUnit } from '../../domain/reports.js'
import { LONDON } from '../../time.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A London calendar date 'YYYY-MM-DD' that exists, as the start of that day in London. */
function londonDay(isoDate: string): DateTime | undefined {
  if (!ISO_DATE.test(isoDate)) return undefined
  const day = DateTime.fromISO(isoDate, { zone: LONDON })
  return day.isValid ? day.startOf('day') : undefined
}

/** Weeks (from Monday) when the range is under 3 months, months otherwise. */
export function periodUnit(from: string, to: string): PeriodUnit {
  const start = londonDay(from)
  const end = londonDay(to)
  if (!start || !end) throw new RangeError(`Not a date range: ${from} to ${to}`)
  return end < start.plus({ months: 3 }) ? 'week' : 'month'
}

/** The instants a London date range covers: from the first day's midnight to the midnight after the last. */
export function rangeInstants(from: string, to: string): { fromAt: Date; toAt: Date } {
  const start = londonDay(from)
  const end = londonDay(to)
  if (!start || !end) throw new RangeError(`Not a date range: ${from} to ${to}`)
  if (end < start) throw new RangeError(`The range ends (${to}) before it starts (${from})`)
  return { fromAt: start.toJSDate(), toAt: end.plus({ days: 1 }).toJSDate() }
}

/** part / whole, or null ("no data") when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}
