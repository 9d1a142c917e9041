import { sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import type { MessageReport } from '../../domain/reports.js'
import type { Channel } from '../../domain/notifications.js'
import { courseScope, coversEverything, toNumber, reportQuery, type ReportQuery } from './report-query.js'

/**
 * Messages about bookings in the filter, by channel and kind, counted when sent (or, for one that
 * failed before sending, when it was due) in the range. Sent includes delivered; only texts get a
 * delivery report. Messages with no booking (to staff) are left out.
 */
export class MessageFigures {
  constructor(private readonly db: Executor) {}

  async byChannelAndKind(query: ReportQuery): Promise<MessageReport['byChannelAndKind']> {
    // The whole city needs no join: every message about a booking counts.
    const inScope = coversEverything(query.filter)
      ? sql`n.booking_id is not null`
      : sql`exists (select 1 from bookings b join courses c on c.id = b.course_id where b.id = n.booking_id and ${courseScope(query.filter)})`
    const result = await reportQuery(this.db, sql`
      select n.channel, n.kind,
        count(*) filter (where n.state in ('sent', 'delivered'))::int as sent,
        count(*) filter (where n.state = 'delivered')::int as delivered,
        count(*) filter (where n.state = 'failed')::int as failed
      from notifications n
      where ${inScope} and n.state in ('sent', 'delivered', 'failed')
        and coalesce(n.sent_at, n.due_at) >= ${query.fromAt} and coalesce(n.sent_at, n.due_at) < ${query.toAt}
      group by n.channel, n.kind order by n.channel, n.kind`)
    return result.rows.map((row) => ({
      channel: row.channel as Channel,
      kind: String(row.kind),
      sent: toNumber(row.sent),
      delivered: toNumber(row.delivered),
      failed: toNumber(row.failed),
    }))
  }

  /**
   * Text replies received in the range by the action taken (inbound_messages.action), leaving out
   * webhook retries and replies still being handled. A reply is tied to a course only through the
   * booking it acted on, so a narrowed filter counts only replies about a booking in it.
   */
  async replies(query: ReportQuery): Promise<MessageReport['replies']> {
    const scoped = coversEverything(query.filter)
      ? sql`true`
      : sql`exists (select 1 from bookings b join courses c on c.id = b.course_id
          where b.id = case when m.details->>'bookingId' ~ '^[0-9]+$' then (m.details->>'bookingId')::int end and ${courseScope(query.filter)})`
    const result = await reportQuery(this.db, sql`
      select m.action, count(*)::int as count from inbound_messages m
      where m.received_at >= ${query.fromAt} and m.received_at < ${query.toAt}
        and m.action not in ('received', 'duplicate') and ${scoped}
      group by m.action order by count(*) desc, m.action`)
    return result.rows.map((row) => ({ action: String(row.action), count: toNumber(row.count) }))
  }
}
