import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import type { PeriodUnit, ReportFilter } from '../../domain/reports.js'

/** A report filter made ready for SQL: the London dates as instants, the period unit decided. */
export interface ReportQuery {
  filter: ReportFilter
  unit: PeriodUnit
  /** London midnight at the start of filter.from. */
  fromAt: Date
  /** London midnight at the end of filter.to (exclusive). */
  toAt: Date
  now: Date
  lateCancellationHours: number
}

/**
 * The courses the filter covers, as a condition on the alias `c` (courses). A hub manager's scope
 * only holds their hubs, so online courses (no hub) are the admins' alone.
 */
export function courseScope(filter: ReportFilter): SQL {
  const conditions: SQL[] = []
  if (filter.scope !== 'all') {
    conditions.push(filter.scope.length === 0 ? sql`false` : sql`c.hub_id in (${sql.join(filter.scope.map((id) => sql`${id}`), sql`, `)})`)
  }
  if (filter.hubId !== undefined) conditions.push(sql`c.hub_id = ${filter.hubId}`)
  if (filter.programmeId !== undefined) conditions.push(sql`c.programme_id = ${filter.programmeId}`)
  if (filter.courseId !== undefined) conditions.push(sql`c.id = ${filter.courseId}`)
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `)
}

/** True when the filter narrows nothing: the whole city, every hub, programme and course. */
export function coversEverything(filter: ReportFilter): boolean {
  return filter.scope === 'all' && filter.hubId === undefined && filter.programmeId === undefined && filter.courseId === undefined
}

/**
 * The London calendar period an instant column falls in, as the London timestamp of its first
 * midnight: group by it, then show it with to_char(period, 'YYYY-MM-DD') (grouping by the text
 * costs more, with tens of thousands of rows).
 */
export function periodOf(query: ReportQuery, instant: SQL): SQL {
  return sql`date_trunc(${query.unit}, ${instant} at time zone 'Europe/London')`
}

/** Every period start from the one holding `from` to the one holding `to`, oldest first. */
export class PeriodSeries {
  constructor(private readonly db: Executor) {}

  async starts(query: ReportQuery): Promise<string[]> {
    const step = query.unit === 'week' ? sql`interval '1 week'` : sql`interval '1 month'`
    const result = await this.db.execute<{ period_start: string }>(sql`select to_char(p, 'YYYY-MM-DD') as period_start
      from generate_series(date_trunc(${query.unit}, ${query.filter.from}::date::timestamp), ${query.filter.to}::date::timestamp, ${step}) as p
      order by p`)
    return result.rows.map((row) => String(row.period_start))
  }
}

export const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))

/**
 * Runs one report query with settings for a big aggregate run once: no JIT (compiling took longer
 * than the query on the benchmark's data) and more memory per sort or hash, so that the joins over
 * every place booked stay in memory. SET LOCAL ends with the transaction.
 *
 * `hashJoins`: no nested loops. For the demand queries, whose courses are chosen by their first
 * session's start: PostgreSQL cannot estimate that filter (it guessed 52 of the benchmark's 5,200
 * courses where 5,000 match) and so read the bookings one course at a time through an index,
 * 250,000 rows in 5,000 searches, where one pass over the table takes a fraction of that.
 */
export function reportQuery(db: Executor, query: SQL, options: { hashJoins?: boolean } = {}): Promise<{ rows: Record<string, unknown>[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`)
    await tx.execute(sql`set local work_mem = '64MB'`)
    if (options.hashJoins === true) await tx.execute(sql`set local enable_nestloop = off`)
    return tx.execute<Record<string, unknown>>(query)
  })
}
