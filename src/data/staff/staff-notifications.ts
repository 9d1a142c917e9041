import type { Executor } from '../../db/database.js'
import { notifications } from '../../db/schema/index.js'

/**
 * Staff emails go through the same outbox as the families' messages: one notifications row
 * (booking_id null), delivered by the notification worker, which renders views/emails/<kind>.
 */
export async function insertStaffEmail(
  db: Executor,
  values: { dedupeKey: string; kind: string; recipient: string; payload: Record<string, unknown> },
): Promise<void> {
  await db
    .insert(notifications)
    .values({ ...values, channel: 'email', bookingId: null })
    .onConflictDoNothing({ target: notifications.dedupeKey })
}
