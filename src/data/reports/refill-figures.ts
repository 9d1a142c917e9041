import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import type { RefillBand, WaitingCounts } from '../../domain/reports.js'
import { courseScope, periodOf, toNumber, reportQuery, type ReportQuery } from './report-query.js'

interface RefillCounts {
  freed: number
  refilled: number
}


export interface RefillRows {
  total: RefillCounts & WaitingCounts & { medianMinutesToRefill: number | null; emptyPlaceHoursWhileWaiting: number }
  byBand: (RefillCounts & WaitingCounts & { band: RefillBand })[]
  byPeriod: (RefillCounts & { periodStart: string })[]
}

export const noWaitingCounts: WaitingCounts = { freedWithNobodyWaiting: 0, refilledWhileWaiting: 0 }

/**
 * Freed places (the freed_places table, kept by a trigger on bookings) for courses that start in the
 * range and were not cancelled since, by the period of that start and by how long before it the
 * place was freed: over 24 hours, 2 to 24 hours (both included), under 2 hours.
 *
 * Empty place-hours while waiting: for places freed while at least one family was on the waiting
 * list, the hours from freeing to refilling (or to a new booking taking it, or to the start).
 *
 * The total and each band are also split by families_waiting (the families in the programme then
 * waiting who would take that run): a place freed with none could only go to a new booking.
 */
export class RefillFigures {
  constructor(private readonly db: Executor) {}

  async rows(query: ReportQuery): Promise<RefillRows> {
    const result = await reportQuery(this.db, sql`
      with freed as (
        select f.freed_at, f.refilled_at, f.taken_at, f.starts_at, f.families_waiting,
          ${periodOf(query, sql`f.starts_at`)} as period,
          case
            when f.starts_at - f.freed_at > interval '24 hours' then 'over_24h'
            when f.starts_at - f.freed_at >= interval '2 hours' then 'from_2h_to_24h'
            else 'under_2h'
          end as band
        from freed_places f join courses c on c.id = f.course_id
        where ${courseScope(query.filter)} and c.cancelled_at is null
          and f.starts_at >= ${query.fromAt} and f.starts_at < ${query.toAt}
      )
      select grouping(period) as no_period, grouping(band) as no_band, to_char(period, 'YYYY-MM-DD') as period_start, band,
        count(*)::int as freed, count(refilled_at)::int as refilled,
        count(*) filter (where families_waiting = 0)::int as freed_nobody_waiting,
        count(refilled_at) filter (where families_waiting > 0)::int as refilled_while_waiting,
        (percentile_cont(0.5) within group (order by extract(epoch from refilled_at - freed_at)) / 60)::float8 as median_minutes,
        coalesce(sum(extract(epoch from coalesce(refilled_at, taken_at, starts_at) - freed_at)) filter (where families_waiting > 0), 0)::float8 / 3600 as empty_hours
      from freed group by grouping sets ((period), (band), ())`)
    const rows: RefillRows = {
      total: { freed: 0, refilled: 0, ...noWaitingCounts, medianMinutesToRefill: null, emptyPlaceHoursWhileWaiting: 0 },
      byBand: [],
      byPeriod: [],
    }
    for (const row of result.rows) {
      const counts = { freed: toNumber(row.freed), refilled: toNumber(row.refilled) }
      const split: WaitingCounts = {
        freedWithNobodyWaiting: toNumber(row.freed_nobody_waiting),
        refilledWhileWaiting: toNumber(row.refilled_while_waiting),
      }
      if (Number(row.no_period) === 0) rows.byPeriod.push({ periodStart: String(row.period_start), ...counts })
      else if (Number(row.no_band) === 0) rows.byBand.push({ band: row.band as RefillBand, ...counts, ...split })
      else
        rows.total = {
          ...counts,
          ...split,
          medianMinutesToRefill: row.median_minutes === null ? null : Number(row.median_minutes),
          emptyPlaceHoursWhileWaiting: toNumber(row.empty_hours),
        }
    }
    return rows
  }
}
