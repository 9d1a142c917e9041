import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { families, bookings, notifications } from '../../db/schema/index.js'

export type NotificationRow = typeof notifications.$inferSelect

/** The SQL behind Twilio's status callbacks. Each update only moves a row forward. */
export class StatusStore {
  constructor(private readonly db: Db) {}

  /**
   * The text a callback is about: by Twilio's message SID, else by the row id in the callback URL
   * (set by the delivery worker) while the row has no SID of its own yet.
   */
  async find(messageSid: string, notificationId: number | undefined): Promise<NotificationRow | undefined> {
    const [bySid] = await this.db.select().from(notifications).where(eq(notifications.providerMessageId, messageSid))
    if (bySid || notificationId === undefined) return bySid
    const [byId] = await this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, notificationId), eq(notifications.channel, 'sms'), or(isNull(notifications.providerMessageId), eq(notifications.providerMessageId, messageSid))))
    return byId
  }

  /**
   * A report about a text whose row is still 'sending' proves Twilio created it: the worker died
   * (or has not yet recorded it) after Twilio took it. The row is settled as sent with that SID,
   * so it is never sent again, without waiting for the stale-claim sweep. A live worker's own
   * record of the send (fenced on its claim) still matches afterwards and changes nothing.
   */
  async settleSending(id: number, messageSid: string): Promise<void> {
    await this.db
      .update(notifications)
      .set({ state: 'sent', providerMessageId: messageSid, sentAt: sql`coalesce(${notifications.sentAt}, now())`, updatedAt: sql`now()` })
      .where(and(eq(notifications.id, id), eq(notifications.channel, 'sms'), eq(notifications.state, 'sending'), isNull(notifications.providerMessageId)))
  }

  async markDelivered(id: number, providerStatus: string): Promise<boolean> {
    const rows = await this.db
      .update(notifications)
      .set({ state: 'delivered', deliveredAt: sql`coalesce(${notifications.deliveredAt}, now())`, providerStatus, updatedAt: sql`now()` })
      .where(and(eq(notifications.id, id), eq(notifications.state, 'sent')))
      .returning({ id: notifications.id })
    return rows.length === 1
  }

  async markFailed(id: number, providerStatus: string, error: string): Promise<boolean> {
    const rows = await this.db
      .update(notifications)
      .set({ state: 'failed', providerStatus, error, updatedAt: sql`now()` })
      .where(and(eq(notifications.id, id), eq(notifications.state, 'sent')))
      .returning({ id: notifications.id })
    return rows.length === 1
  }

  /** An in-between status (queued, sent, ...) is noted while the row has no final one. */
  async noteStatus(id: number, providerStatus: string): Promise<void> {
    await this.db
      .update(notifications)
      .set({ providerStatus, updatedAt: sql`now()` })
      .where(and(eq(notifications.id, id), eq(notifications.state, 'sent')))
  }

  /** Where an email about this text's booking can go, if the family agreed to email. */
  async emailFor(bookingId: number): Promise<string | undefined> {
    const [row] = await this.db
      .select({ email: families.email, contactByEmail: families.contactByEmail })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(eq(bookings.id, bookingId))
    return row?.contactByEmail && row.email ? row.email : undefined
  }
}
