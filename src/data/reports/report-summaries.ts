import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { placeCounts } from './attendance-figures.js'
import { messageCounts } from './message-figures.js'

/** Refreshers take these locks, one at a time (writers never do: they only add stale marks). */
const SESSIONS_LOCK = sql`hashtext('session_attendance_summaries')`
const MESSAGE_DAYS_LOCK = sql`hashtext('message_day_summaries')`

/**
 * The summaries behind the reports (migration 0014): the attendance of each session that has
 * ended, and the messages of each London day before today, (re)computed where missing or marked
 * stale. The reports never depend on them being there: they count the rest live.
 */
export class ReportSummaries {
  constructor(private readonly db: Executor) {}

  /**
   * Summarises up to `limit` sessions that ended by `now` (the oldest first) and returns how many.
   * The marks it can see are deleted before the counting, which runs on a later snapshot: a change
   * committed in between is counted, and one not yet committed leaves its mark, so the report keeps
   * counting that session live. Safe to run twice or alongside itself (the lock makes them queue).
   */
  async refreshSessions(now: Date, limit = 5000): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SESSIONS_LOCK})`)
      await tx.execute(sql`set local jit = off`)
      await tx.execute(sql`set local work_mem = '64MB'`)
      // A cancelled session is left out of the reports: its summary and marks go (restoring it marks it again).
      await tx.execute(sql`delete from session_attendance_summaries sm using sessions s where s.id = sm.session_id and s.cancelled_at is not null`)
      await tx.execute(sql`delete from session_attendance_stale st using sessions s where s.id = st.session_id and s.cancelled_at is not null`)
      // A mark only matters on a session with a summary: one without is counted live, and its summary,
      // when made, is counted from a later snapshot. Without this, every booking change on sessions
      // still to come would leave marks there until those sessions end.
      await tx.execute(sql`delete from session_attendance_stale st
        where not exists (select 1 from session_attendance_summaries sm where sm.session_id = st.session_id)`)
      const due = await tx.execute<{ id: number }>(sql`
        select s.id from sessions s
        where s.cancelled_at is null and s.ends_at <= ${now}
          and (not exists (select 1 from session_attendance_summaries sm where sm.session_id = s.id)
            or exists (select 1 from session_attendance_stale st where st.session_id = s.id))
        order by s.ends_at, s.id limit ${limit}`)
      const ids = due.rows.map((row) => Number(row.id))
      if (ids.length === 0) return 0
      const chosen = sql`select unnest(${`{${ids.join(',')}}`}::int[])`
      await tx.execute(sql`delete from session_attendance_stale where session_id in (${chosen})`)
      await tx.execute(sql`delete from session_attendance_summaries where session_id in (${chosen})`)
      await tx.execute(sql`insert into session_attendance_summaries (session_id, summarised_at) select id, ${now} from (${chosen}) as c (id)`)
      await tx.execute(sql`insert into session_attendance_counts
          (session_id, reminded, notice_hours, places_booked, attended, no_shows, late_cancellations, walk_ins)
        ${placeCounts(sql`s.id in (${chosen})`)}`)
      return ids.length
    })
  }

  /**
   * Summarises the messages of every London day before the one `now` falls on, from the first day
   * any message is counted at, that has no summary or is marked stale. Returns how many days.
   * The same order as refreshSessions: marks deleted first, counts from a later snapshot.
   */
  async refreshMessageDays(now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${MESSAGE_DAYS_LOCK})`)
      await tx.execute(sql`set local jit = off`)
      await tx.execute(sql`set local work_mem = '64MB'`)
      const due = await tx.execute<{ day: string }>(sql`
        select to_char(d, 'YYYY-MM-DD') as day
        from generate_series(
          (select (min(coalesce(n.sent_at, n.due_at)) at time zone 'Europe/London')::date from notifications n)::timestamp,
          ((${now}::timestamptz at time zone 'Europe/London')::date - 1)::timestamp, interval '1 day') d
        where not exists (select 1 from message_day_summaries sm where sm.day = d::date)
          or exists (select 1 from message_day_stale st where st.day = d::date)`)
      const days = due.rows.map((row) => String(row.day))
      if (days.length === 0) return 0
      const chosen = sql`select unnest(${`{${days.join(',')}}`}::date[])`
      await tx.execute(sql`delete from message_day_stale where day in (${chosen})`)
      await tx.execute(sql`delete from message_day_summaries where day in (${chosen})`)
      await tx.execute(sql`insert into message_day_summaries (day, summarised_at) select day, ${now} from (${chosen}) as c (day)`)
      await tx.execute(sql`insert into message_day_counts (day, channel, kind, sent, delivered, failed) ${messageCounts(chosen)}`)
      return days.length
    })
  }
}
