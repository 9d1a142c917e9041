import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import type { DemandReport } from '../../domain/reports.js'
import { courseScope, toNumber, reportQuery, type ReportQuery } from './report-query.js'

/** Courses not cancelled whose first session starts in the range, and courses with no session yet. */
function coursesInRange(query: ReportQuery): SQL {
  // The first starts of every course in one pass over the sessions (a hash aggregate), not one
  // index search per course: a city has thousands of courses.
  return sql`select c.id, c.programme_id, c.hub_id, c.capacity, c.places_taken, first.starts_at
    from courses c
    left join (select s.course_id, min(s.starts_at) as starts_at from sessions s where s.cancelled_at is null group by s.course_id) first
      on first.course_id = c.id
    where ${courseScope(query.filter)} and c.cancelled_at is null
      and (first.starts_at is null or (first.starts_at >= ${query.fromAt} and first.starts_at < ${query.toAt}))`
}

/**
 * Demand: how full the courses starting in the range are, who joined their waiting lists, and
 * where those families were referred from. Online courses have no hub: hub id 0, "Online".
 */
export class DemandFigures {
  constructor(private readonly db: Executor) {}

  /** Places held now (confirmed and offered, courses.places_taken) against capacity. */
  async fillByCourse(query: ReportQuery): Promise<Omit<DemandReport['fillByCourse'][number], 'fillRate'>[]> {
    const result = await reportQuery(this.db, sql`
      with chosen as (${coursesInRange(query)})
      select chosen.id, p.title, coalesce(h.name, 'Online') as hub_name,
        to_char(chosen.starts_at at time zone 'Europe/London', 'YYYY-MM-DD') as starts_on, chosen.capacity, chosen.places_taken
      from chosen join programmes p on p.id = chosen.programme_id left join hubs h on h.id = chosen.hub_id
      order by chosen.starts_at nulls first, p.title, chosen.id`)
    return result.rows.map((row) => ({
      courseId: toNumber(row.id),
      courseTitle: String(row.title),
      hubName: String(row.hub_name),
      startsOn: row.starts_on === null ? null : String(row.starts_on),
      capacity: toNumber(row.capacity),
      placesBooked: toNumber(row.places_taken),
    }))
  }

  /** Families who joined the waiting list of those courses (whatever happened next), by programme and hub. */
  async waitingByProgrammeAndHub(query: ReportQuery): Promise<DemandReport['waitingByProgrammeAndHub']> {
    const result = await reportQuery(this.db, sql`
      with chosen as (${coursesInRange(query)}),
      -- Families counted per (programme, hub) id first: sorting 90,000 pairs of numbers, not of titles.
      waiting as (
        select chosen.programme_id, chosen.hub_id, count(distinct b.family_id)::int as families
        from chosen join bookings b on b.course_id = chosen.id and b.waitlist_joined_at is not null
        group by chosen.programme_id, chosen.hub_id
      )
      select waiting.programme_id, p.title, coalesce(waiting.hub_id, 0) as hub_id, coalesce(h.name, 'Online') as hub_name, waiting.families
      from waiting join programmes p on p.id = waiting.programme_id left join hubs h on h.id = waiting.hub_id
      order by p.title, hub_name`, { hashJoins: true })
    return result.rows.map((row) => ({
      programmeId: toNumber(row.programme_id),
      programmeTitle: String(row.title),
      hubId: toNumber(row.hub_id),
      hubName: String(row.hub_name),
      familiesWaiting: toNumber(row.families),
    }))
  }

  /** Families who queued for a course that has started and were never offered nor given a place. */
  async waitedNeverOffered(query: ReportQuery): Promise<number> {
    const result = await reportQuery(this.db, sql`
      with chosen as (${coursesInRange(query)})
      select count(distinct b.family_id)::int as families from chosen
      join bookings b on b.course_id = chosen.id
      where chosen.starts_at <= ${query.now} and b.waitlist_joined_at is not null and b.offered_at is null and b.confirmed_at is null`, { hashJoins: true })
    return toNumber(result.rows[0]?.families)
  }

  /** Families with a booking or queue entry on those courses, by where they were referred from. */
  async referralsBySource(query: ReportQuery): Promise<DemandReport['referralsBySource']> {
    const result = await reportQuery(this.db, sql`
      with chosen as (${coursesInRange(query)})
      select coalesce(f.referred_by, 'not_recorded') as source, count(*)::int as families
      from families f where exists (select 1 from bookings b join chosen on chosen.id = b.course_id where b.family_id = f.id)
      group by 1 order by families desc, source`, { hashJoins: true })
    return result.rows.map((row) => ({ source: String(row.source), families: toNumber(row.families) }))
  }
}
