import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import type { ReportFilter, ReportOptions } from '../../domain/reports.js'
import { courseScope, toNumber } from './report-query.js'

/** The hubs, programmes and courses a person may filter the reports by. */
export class ReportOptionsQuery {
  constructor(private readonly db: Executor) {}

  async options(scope: ReportFilter['scope']): Promise<ReportOptions> {
    const inScope = courseScope({ from: '', to: '', scope })
    const hubScope = scope === 'all' ? sql`true` : scope.length === 0 ? sql`false` : sql`h.id in (${sql.join(scope.map((id) => sql`${id}`), sql`, `)})`
    const hubs = await this.db.execute<Record<string, unknown>>(sql`select h.id, h.name from hubs h where ${hubScope} order by h.name, h.id`)
    const programmes = await this.db.execute<Record<string, unknown>>(sql`
      select p.id, p.title from programmes p
      where ${scope === 'all' ? sql`true` : sql`exists (select 1 from courses c where c.programme_id = p.id and ${inScope})`}
      order by p.title, p.id`)
    // Newest first; the title says which run of the programme it is.
    const courses = await this.db.execute<Record<string, unknown>>(sql`
      select c.id, p.title || coalesce(', ' || coalesce(h.name, 'Online') || ', ' || to_char(first.starts_at at time zone 'Europe/London', 'FMDD Mon YYYY'), '') as title,
        coalesce(c.hub_id, 0) as hub_id, c.programme_id
      from courses c join programmes p on p.id = c.programme_id left join hubs h on h.id = c.hub_id
      left join lateral (select min(s.starts_at) as starts_at from sessions s where s.course_id = c.id) first on true
      where ${inScope}
      order by first.starts_at desc nulls first, c.id desc`)
    return {
      hubs: hubs.rows.map((row) => ({ id: toNumber(row.id), name: String(row.name) })),
      programmes: programmes.rows.map((row) => ({ id: toNumber(row.id), title: String(row.title) })),
      courses: courses.rows.map((row) => ({
        id: toNumber(row.id),
        title: String(row.title),
        hubId: toNumber(row.hub_id),
        programmeId: toNumber(row.programme_id),
      })),
    }
  }
}
