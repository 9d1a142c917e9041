import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { courseScope, periodOf, toNumber, reportQuery, type ReportQuery } from './report-query.js'

/** One period's places, split by whether the family got a reminder for that session. */
export interface AttendanceRow {
  periodStart: string
  reminded: boolean
  placesBooked: number
  attended: number
  noShows: number
  lateCancellations: number
  walkIns: number
}

/**
 * Attendance, no-shows, late cancellations and walk-ins, and (from the same pass over the places)
 * the reminder effect: one row per (period, reminded or not).
 *
 * A place is one (booking, session) for a session in the range that has ended and was not
 * cancelled, whose booking was confirmed before the session ended (or has no confirmation time: rows
 * made outside the booking service), and is still confirmed, or was
 * cancelled after LATE_CANCELLATION_HOURS before the session. Each place is exactly one of:
 * attended (marked attended at the register); a late cancellation (cancelled less than the late
 * hours before the start, or marked "cancelled late" at the register); a no-show (the rest).
 * A booking cancelled after the session began held that place: it counts as attended or no-show.
 */
export class AttendanceFigures {
  constructor(private readonly db: Executor) {}

  async rows(query: ReportQuery): Promise<AttendanceRow[]> {
    const late = sql`make_interval(hours => ${query.lateCancellationHours}::int)`
    const result = await reportQuery(this.db, sql`
      with places as (
        select s.id as session_id,
          -- A hashed subplan: the reminders sent for the sessions in the range and scope, read once
          -- (notifications_reminder_sent_idx).
          (b.id, s.id) in (select n.booking_id, n.session_id from notifications n
            join sessions rs on rs.id = n.session_id join courses c on c.id = rs.course_id
            where ${courseScope(query.filter)} and rs.starts_at >= ${query.fromAt} and rs.starts_at < ${query.toAt}
              and n.kind like 'reminder%' and n.state in ('sent', 'delivered')) as reminded,
          case
            when a.status = 'attended' then 'attended'
            when a.status = 'cancelled_late' or (b.status = 'cancelled' and b.ended_at < s.starts_at) then 'late'
            else 'no_show'
          end as outcome,
          b.source = 'walk_in' as walk_in
        from courses c
        join sessions s on s.course_id = c.id
        join bookings b on b.course_id = c.id
        left join attendance a on a.booking_id = b.id and a.session_id = s.id
        where ${courseScope(query.filter)}
          and s.cancelled_at is null and s.starts_at >= ${query.fromAt} and s.starts_at < ${query.toAt} and s.ends_at <= ${query.now}
          and (b.confirmed_at is null or b.confirmed_at < s.ends_at)
          and (b.status = 'confirmed' or (b.status = 'cancelled' and b.confirmed_at is not null and b.ended_at >= s.starts_at - ${late}))
      ),
      -- Counted per session first, so the London period is worked out once per session, not per place.
      by_session as (
        select session_id, reminded, count(*) as booked,
          count(*) filter (where outcome = 'attended') as attended,
          count(*) filter (where outcome = 'no_show') as no_shows,
          count(*) filter (where outcome = 'late') as late,
          count(*) filter (where walk_in) as walk_ins
        from places group by session_id, reminded
      )
      select ${periodOf(query, sql`s.starts_at`)} as period_start, reminded, sum(booked)::int as booked, sum(attended)::int as attended,
        sum(no_shows)::int as no_shows, sum(late)::int as late, sum(walk_ins)::int as walk_ins
      from by_session join sessions s on s.id = by_session.session_id
      group by 1, reminded order by 1, reminded`)
    return result.rows.map((row) => ({
      periodStart: String(row.period_start),
      reminded: row.reminded === true,
      placesBooked: toNumber(row.booked),
      attended: toNumber(row.attended),
      noShows: toNumber(row.no_shows),
      lateCancellations: toNumber(row.late),
      walkIns: toNumber(row.walk_ins),
    }))
  }
}
