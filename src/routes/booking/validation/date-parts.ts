import { DateTime } from 'luxon'
import { LONDON } from '../../../time.js'

export type DatePart = 'day' | 'month' | 'year'

/**
 * Why typed date parts are not a date: nothing typed, some parts missing (errorFields names them),
 * or not a real date. The booking journey words its own message from this, in the visitor's language.
 */
export type DateProblem = 'empty' | 'incomplete' | 'not_a_date'

/**
 * A date typed as day, month and year, read as a London calendar date (ISO), or why not. `message`
 * is in English with `label` (staff pages use it); `problem` and `errorFields` say the same for others.
 */
export function parseDateParts(
  parts: { day: string; month: string; year: string },
  label: string,
): { ok: true; iso: string; date: DateTime } | { ok: false; message: string; errorFields: DatePart[]; problem: DateProblem } {
  const missing = (['day', 'month', 'year'] as const).filter((part) => parts[part].trim() === '')
  if (missing.length === 3) return { ok: false, message: '', errorFields: [...missing], problem: 'empty' }
  if (missing.length > 0) {
    const list = missing.length === 1 ? `a ${missing[0]}` : `a ${missing[0]} and ${missing[1]}`
    return { ok: false, message: `${label} must include ${list}`, errorFields: [...missing], problem: 'incomplete' }
  }
  const [day, month, year] = [parts.day, parts.month, parts.year].map((value) =>
    /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN,
  )
  // Letters in a part: luxon throws on NaN rather than answering "invalid", so refuse them first.
  if ([day, month, year].some(Number.isNaN))
    return { ok: false, message: `${label} must be a real date`, errorFields: ['day', 'month', 'year'], problem: 'not_a_date' }
  const date = DateTime.fromObject({ day, month, year }, { zone: LONDON })
  if (!date.isValid || String(year).length !== 4)
    return { ok: false, message: `${label} must be a real date`, errorFields: ['day', 'month', 'year'], problem: 'not_a_date' }
  return { ok: true, iso: date.toISODate()!, date }
}

export const londonToday = (now: Date): DateTime => DateTime.fromJSDate(now, { zone: LONDON }).startOf('day')
