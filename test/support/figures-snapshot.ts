import { sql } from 'drizzle-orm'
import { testDatabase } from './root-hooks.js'

/**
 * The counts every report figure for the past is built from, grouped the way the reports group
 * them: bookings by status and source, attendance by status, notifications by channel, kind and
 * state, text replies by action, families by referral source and priority. Anonymisation must
 * leave every one unchanged. To compare report figures too, add their output here (for example
 * `reports: await services.staff.reports.build(filter, now)`).
 */
export async function figuresSnapshot(): Promise<Record<string, number>> {
  const result = await testDatabase().db.execute<{ figure: string; n: number }>(sql`
    select 'bookings ' || status || ' ' || source || ' course ' || course_id as figure, count(*)::int as n from bookings group by 1
    union all
    select 'bookings overbooked ' || overbooked, count(*)::int from bookings group by 1
    union all
    select 'attendance ' || status || ' session ' || session_id, count(*)::int from attendance group by 1
    union all
    select 'notifications ' || channel || ' ' || kind || ' ' || state || ' sent ' || (sent_at is not null) || ' delivered ' || (delivered_at is not null),
      count(*)::int from notifications group by 1
    union all
    select 'replies ' || action, count(*)::int from inbound_messages group by 1
    union all
    select 'families referred by ' || coalesce(referred_by, 'none') || ' priority ' || priority, count(*)::int from families group by 1
    union all
    select 'families', count(*)::int from families
  `)
  return Object.fromEntries(result.rows.map((row) => [row.figure, Number(row.n)]).sort(([a], [b]) => String(a).localeCompare(String(b))))
}
