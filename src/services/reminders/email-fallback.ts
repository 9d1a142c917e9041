import { and, eq, isNull, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { notifications } from '../../db/schema/index.js'
import type { EmailFallback } from './delivery-status-service.js'

/**
 * The email that replaces a text Twilio could not deliver: the same kind of message (the email
 * templates render every kind, reminder_sms_3h included), due now, once per text (its own dedupe
 * key). None when the family already has this message by email (a confirmation sent on both
 * channels, say). `wake` puts a delivery run on the queue.
 */
export function emailFallback(db: Db, wake: () => Promise<void>): EmailFallback {
  return async (row, email) => {
    const sameMessageByEmail = and(
      eq(notifications.channel, 'email'),
      eq(notifications.kind, row.kind),
      row.bookingId === null ? isNull(notifications.bookingId) : eq(notifications.bookingId, row.bookingId),
      row.sessionId === null ? isNull(notifications.sessionId) : eq(notifications.sessionId, row.sessionId),
      notInArray(notifications.state, ['failed', 'cancelled', 'skipped']),
    )
    const [existing] = await db.select({ id: notifications.id }).from(notifications).where(sameMessageByEmail).limit(1)
    if (existing) return false
    const inserted = await db
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
    if (inserted.length > 0) await wake()
    return inserted.length > 0
  }
}
