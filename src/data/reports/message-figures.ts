import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import type { MessageReport } from '../../domain/reports.js'
import type { Channel } from '../../domain/notifications.js'
import { courseScope, coversEverything, toNumber, reportQuery, type ReportQuery } from './report-query.js'

/**
 * The messages counted on the London days a one-column subquery `days` (of dates) selects, by day,
 * channel and kind: the columns of message_day_counts. The one definition, used both to fill the
 * summaries and to count live.
 */
export function messageCounts(days: SQL): SQL {
  return sql`select d.day, n.channel, n.kind,
      count(*) filter (where n.state in ('sent', 'delivered'))::int as sent,
      count(*) filter (where n.state = 'delivered')::int as delivered,
      count(*) filter (where n.state = 'failed')::int as failed
    from (${days}) as d (day)
    join notifications n on coalesce(n.sent_at, n.due_at) >= (d.day::timestamp at time zone 'Europe/London')
      and coalesce(n.sent_at, n.due_at) < ((d.day + 1)::timestamp at time zone 'Europe/London')
    where n.booking_id is not null and n.state in ('sent', 'delivered', 'failed')
    group by d.day, n.channel, n.kind`
}

/**
 * Messages about bookings in the filter, by channel and kind, counted when sent (or, for one that
 * failed before sending, when it was due) in the range. Sent includes delivered; only texts get a
 * delivery report. Messages with no booking (to staff) are left out.
 */
export class MessageFigures {
  constructor(private readonly db: Executor) {}

  async byChannelAndKind(query: ReportQuery, source: 'summaries' | 'live' = 'summaries'): Promise<MessageReport['byChannelAndKind']> {
    const result = coversEverything(query.filter) ? await this.wholeCity(query, source) : await this.scoped(query)
    return result.rows.map((row) => ({
      channel: row.channel as Channel,
      kind: String(row.kind),
      sent: toNumber(row.sent),
      delivered: toNumber(row.delivered),
      failed: toNumber(row.failed),
    }))
  }

  /**
   * The whole city needs no join: every message about a booking counts. Days before today come
   * from their summary (message_day_counts, migration 0014) unless marked stale; the rest are
   * counted live, a day at a time through notifications_sent_or_due_idx. The range is whole London
   * days, so the days add up to it exactly.
   */
  private wholeCity(query: ReportQuery, source: 'summaries' | 'live') {
    const fresh =
      source === 'live'
        ? sql`false`
        : sql`(exists (select 1 from message_day_summaries sm where sm.day = days.day)
            and not exists (select 1 from message_day_stale st where st.day = days.day))`
    return reportQuery(this.db, sql`
      with days as materialized (
        select d::date as day from generate_series(${query.filter.from}::date::timestamp, ${query.filter.to}::date::timestamp, interval '1 day') d
      ),
      counts as (
        select k.channel, k.kind, k.sent, k.delivered, k.failed
        from days join message_day_counts k on k.day = days.day where ${fresh}
        union all
        select live.channel, live.kind, live.sent, live.delivered, live.failed
        from (${messageCounts(sql`select days.day from days where not ${fresh}`)}) live
      )
      select channel, kind, sum(sent)::int as sent, sum(delivered)::int as delivered, sum(failed)::int as failed
      from counts group by channel, kind order by channel, kind`)
  }

  private scoped(query: ReportQuery) {
    return reportQuery(this.db, sql`
      select n.channel, n.kind,
        count(*) filter (where n.state in ('sent', 'delivered'))::int as sent,
        count(*) filter (where n.state = 'delivered')::int as delivered,
        count(*) filter (where n.state = 'failed')::int as failed
      from notifications n
      where exists (select 1 from bookings b join courses c on c.id = b.course_id where b.id = n.booking_id and ${courseScope(query.filter)})
        and n.state in ('sent', 'delivered', 'failed')
        and coalesce(n.sent_at, n.due_at) >= ${query.fromAt} and coalesce(n.sent_at, n.due_at) < ${query.toAt}
      group by n.channel, n.kind order by n.channel, n.kind`)
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
