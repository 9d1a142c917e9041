import { DateTime } from 'luxon'
import type { PeriodUnit } from '../../../domain/reports.js'

/** How the reports write numbers: British English, "No data" where a figure would divide by zero. */
const NO_DATA = 'No data'

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 })
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })

/** 0.425 → "42.5%"; null (nothing to divide by) → "No data", never "NaN%" or "0%". */
export const formatRate = (rate: number | null): string => (rate === null || !Number.isFinite(rate) ? NO_DATA : percent.format(rate))

/** 1234 → "1,234" */
export const formatCount = (count: number): string => whole.format(count)

/** 12.25 → "12.3" (place-hours) */
export const formatHours = (hours: number): string => oneDecimal.format(hours)

/** 200 → "3 hours 20 minutes"; 1500 → "1 day 1 hour"; null → "No data". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return NO_DATA
  const total = Math.round(minutes)
  const days = Math.floor(total / 1440)
  const hours = Math.floor((total % 1440) / 60)
  const mins = total % 60
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day')
  if (hours > 0) return mins > 0 ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour')
  return plural(mins, 'minute')
}

/** A London date 'YYYY-MM-DD' as "6 October 2026". */
export const formatLongDate = (iso: string): string => DateTime.fromISO(iso).toFormat('d LLLL yyyy')

/** A period's start as a table shows it: "6 Oct 2026" (a week) or "October 2026" (a month). */
export const formatPeriod = (iso: string, unit: PeriodUnit): string =>
  DateTime.fromISO(iso).toFormat(unit === 'week' ? 'd LLL yyyy' : 'LLLL yyyy')

/** The same, short enough for a chart's axis: "6 Oct" or "Oct 26". */
export const formatPeriodShort = (iso: string, unit: PeriodUnit): string =>
  DateTime.fromISO(iso).toFormat(unit === 'week' ? 'd LLL' : 'LLL yy')
