import { and, eq, isNull, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { notifications } from '../../db/schema/index.js'
import type { NotificationRow } from './status-store.js'

/** The SQL behind the email that replaces a text Twilio could not deliver. */
export class EmailFallbackStore {
  constructor(private readonly db: Db) {}

  /**
   * Schedules the email for `row` (a failed text), due now, once per text (its own dedupe key).
   * None when the family already has this message by email (a confirmation sent on both
   * channels, say). True when a row was added.
   */
  async schedule(row: NotificationRow, email: string): Promise<boolean> {
    const sameMessageByEmail = and(
      eq(notifications.channel, 'email'),
      eq(notifications.kind, row.kind),
      row.bookingId === null ? isNull(notifications.bookingId) : eq(notifications.bookingId, row.bookingId),
      row.sessionId === null ? isNull(notifications.sessionId) : eq(notifications.sessionId, row.sessionId),
      notInArray(notifications.state, ['failed', 'cancelled', 'skipped']),
    )
    const [existing] = await this.db.select({ id: notifications.id }).from(notifications).where(sameMessageByEmail).limit(1)
    if (existing) return false
    const inserted = await this.db
      .insert(notifications)
      .values({
        dedupeKey: `${row.dedupeKey}:email-fallback`,
        bookingId: row.bookingId,
        sessionId: row.sessionId,
        channel: 'email',
        kind: row.kind,
        recipient: email,
        state: 'scheduled',
        dueAt: sql`now()`,
        payload: { ...((row.payload as Record<string, unknown> | null) ?? {}), fallbackForNotificationId: row.id },
      })
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ id: notifications.id })
    return inserted.length > 0
  }
}
