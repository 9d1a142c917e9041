import { sql, type SQL } from 'drizzle-orm'
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
 * The places of the sessions `sessionsWhere` selects (a condition on s, sessions, and c, courses), counted per
 * (session, reminded or not, notice): one row each, with the columns of session_attendance_counts.
 * The one definition of a place, used both to fill the summaries and to count live.
 *
 * A place is one (booking, session) whose booking was confirmed before the session ended (or has
 * no confirmation time: rows made outside the booking service), and is still confirmed, or was
 * cancelled after LATE_CANCELLATION_HOURS before the session. Each place is exactly one of:
 * attended (marked attended at the register); a late cancellation (cancelled before the start, or
 * marked "cancelled late" at the register); a no-show (the rest). A booking cancelled after the
 * session began held that place: it counts as attended or no-show.
 *
 * So that the counts hold for any LATE_CANCELLATION_HOURS, a booking cancelled before the start is
 * kept with its notice in whole hours, rounded up (notice_hours): it is a place exactly when
 * notice_hours <= the setting, as `ended_at >= starts_at - setting hours` is `starts_at - ended_at
 * <= setting hours`. The notice is worked out in whole microseconds, so nothing is rounded on the way.
 * Given `lateCancellationHours`, it counts the places for that setting alone, testing the condition
 * as it stands (notice_hours is then null): the live count, cheaper than the notice for every place.
 * A reminder is one sent or delivered for that booking and session (notifications_reminder_sent_idx).
 */
export function placeCounts(sessionsWhere: SQL, lateCancellationHours?: SQL): SQL {
  // Counting live for one setting, the condition is applied as it stands (and notice_hours is null).
  const noticeHours =
    lateCancellationHours === undefined
      ? sql`case when b.status = 'cancelled' and b.ended_at < s.starts_at
          then ((((extract(epoch from s.starts_at) - extract(epoch from b.ended_at)) * 1000000)::bigint + 3599999999) / 3600000000)::int
        end`
      : sql`null::int`
  const cancelledInTime =
    lateCancellationHours === undefined
      ? sql`b.ended_at is not null`
      : sql`b.ended_at >= s.starts_at - make_interval(hours => ${lateCancellationHours})`
  return sql`select session_id, reminded, notice_hours, count(*)::int as places_booked,
      count(*) filter (where outcome = 'attended')::int as attended,
      count(*) filter (where outcome = 'no_show')::int as no_shows,
      count(*) filter (where outcome = 'late')::int as late_cancellations,
      count(*) filter (where walk_in)::int as walk_ins
    from (
      select s.id as session_id,
        -- A hashed subplan: the reminders sent for the same sessions, read once
        -- (notifications_reminder_sent_idx; s and c name the subquery's own sessions and courses).
        (b.id, s.id) in (select n.booking_id, n.session_id from notifications n
          join sessions s on s.id = n.session_id join courses c on c.id = s.course_id
          where ${sessionsWhere} and n.booking_id is not null and n.kind like 'reminder%' and n.state in ('sent', 'delivered')) as reminded,
        ${noticeHours} as notice_hours,
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
      where ${sessionsWhere}
        and (b.confirmed_at is null or b.confirmed_at < s.ends_at)
        and (b.status = 'confirmed' or (b.status = 'cancelled' and b.confirmed_at is not null and ${cancelledInTime}))
    ) places
    group by session_id, reminded, notice_hours`
}

/**
 * Attendance, no-shows, late cancellations and walk-ins, and (from the same pass over the places)
 * the reminder effect: one row per (period, reminded or not), for the sessions in the range and
 * scope that have ended and were not cancelled (places as placeCounts defines them).
 *
 * A session's places come from its summary (session_attendance_counts, migration 0014) when it has
 * one and nothing has changed since (no row in session_attendance_stale); every other session is
 * counted live in the same query, so the figures are the same either way, only faster.
 * `source: 'live'` counts every session live (the tests compare the two).
 */
export class AttendanceFigures {
  constructor(private readonly db: Executor) {}

  async rows(query: ReportQuery, source: 'summaries' | 'live' = 'summaries'): Promise<AttendanceRow[]> {
    const late = sql`${query.lateCancellationHours}::int`
    // Whether the session s has a summary that nothing has changed since.
    const summarised = sql`(exists (select 1 from session_attendance_summaries sm where sm.session_id = s.id)
      and not exists (select 1 from session_attendance_stale st where st.session_id = s.id))`
    const fromSummaries = source === 'live' ? sql`false` : summarised
    // The sessions in the range and scope that have ended and were not cancelled (s, c: sessions, courses).
    const inReport = sql`${courseScope(query.filter)}
      and s.cancelled_at is null and s.starts_at >= ${query.fromAt} and s.starts_at < ${query.toAt} and s.ends_at <= ${query.now}`
    const result = await reportQuery(this.db, sql`
      with chosen as materialized (
        -- The London period is worked out once per session, not per place.
        select s.id, ${periodOf(query, sql`s.starts_at`)} as period, ${fromSummaries} as summarised
        from courses c join sessions s on s.course_id = c.id
        where ${inReport}
      ),
      counts as (
        select chosen.period, k.reminded, k.places_booked, k.attended, k.no_shows, k.late_cancellations, k.walk_ins
        from chosen join session_attendance_counts k on k.session_id = chosen.id
        where chosen.summarised and (k.notice_hours is null or k.notice_hours <= ${late})
        union all
        -- The rest, counted live: the condition is written out again (not read from chosen) so that
        -- PostgreSQL estimates how many sessions that is, a few or all of them, and plans for it.
        select chosen.period, live.reminded, live.places_booked, live.attended, live.no_shows, live.late_cancellations, live.walk_ins
        from (${placeCounts(sql`${inReport} and not ${fromSummaries}`, late)}) live
        join chosen on chosen.id = live.session_id
      )
      select to_char(period, 'YYYY-MM-DD') as period_start, reminded, sum(places_booked)::int as booked, sum(attended)::int as attended,
        sum(no_shows)::int as no_shows, sum(late_cancellations)::int as late, sum(walk_ins)::int as walk_ins
      from counts group by period, reminded order by period, reminded`)
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
