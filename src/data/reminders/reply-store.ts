import { and, desc, eq, gt, inArray, isNull, like, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/database.js'
import { bookings, families, inboundMessages, notifications, sessions } from '../../db/schema/index.js'

export type InboundRow = typeof inboundMessages.$inferSelect

/** The phone number a booking is reached on: as booked, or the family's number now. */
const bookingForPhone = (phone: string) => or(eq(bookings.contactPhone, phone), eq(families.phone, phone))

/** The booking still has a session ahead that is not cancelled. */
const hasSessionAhead = (now: Date) =>
  sql`exists (select 1 from ${sessions} where ${sessions.courseId} = ${bookings.courseId} and ${sessions.cancelledAt} is null and ${sessions.startsAt} > ${now})`

/** The SQL behind text replies: which booking a reply is about, and the record of each reply. */
export class ReplyStore {
  constructor(private readonly db: Db) {}

  /**
   * Records a reply before acting on it. Twilio retries a webhook it got no answer to, with the same
   * MessageSid: only the first delivery inserts, so a reply is acted on once. Undefined when the
   * reply was already recorded.
   */
  async claim(values: { providerMessageId: string | null; fromPhone: string; body: string }): Promise<InboundRow | undefined> {
    const [row] = await this.db
      .insert(inboundMessages)
      .values({ ...values, action: 'received' })
      .onConflictDoNothing({ target: inboundMessages.providerMessageId })
      .returning()
    return row
  }

  async findByProviderId(providerMessageId: string): Promise<InboundRow | undefined> {
    const [row] = await this.db.select().from(inboundMessages).where(eq(inboundMessages.providerMessageId, providerMessageId))
    return row
  }

  async finish(id: number, action: string, details: Record<string, unknown>): Promise<void> {
    await this.db.update(inboundMessages).set({ action, details }).where(eq(inboundMessages.id, id))
  }

  /** The booking of the latest reminder texted to this number about a session still ahead. */
  async bookingOfLatestReminder(phone: string, now: Date): Promise<number | undefined> {
    const [row] = await this.db
      .select({ bookingId: notifications.bookingId })
      .from(notifications)
      .innerJoin(bookings, eq(notifications.bookingId, bookings.id))
      .innerJoin(sessions, eq(notifications.sessionId, sessions.id))
      .where(
        and(
          eq(notifications.channel, 'sms'),
          eq(notifications.recipient, phone),
          like(notifications.kind, 'reminder_%'),
          inArray(notifications.state, ['sent', 'delivered']),
          eq(bookings.status, 'confirmed'),
          gt(sessions.startsAt, now),
          isNull(sessions.cancelledAt),
        ),
      )
      .orderBy(desc(notifications.sentAt), desc(notifications.id))
      .limit(1)
    return row?.bookingId ?? undefined
  }

  /** This number's confirmed booking whose next session comes first. */
  async nextConfirmedBooking(phone: string, now: Date): Promise<number | undefined> {
    const nextStart = sql`(select min(${sessions.startsAt}) from ${sessions} where ${sessions.courseId} = ${bookings.courseId} and ${sessions.cancelledAt} is null and ${sessions.startsAt} > ${now})`
    const [row] = await this.db
      .select({ bookingId: bookings.id })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(bookingForPhone(phone), eq(bookings.status, 'confirmed'), hasSessionAhead(now)))
      .orderBy(nextStart, bookings.id)
      .limit(1)
    return row?.bookingId
  }

  /** The latest waiting-list offer to this number that is still open. */
  async openOffer(phone: string, now: Date): Promise<number | undefined> {
    const [row] = await this.db
      .select({ bookingId: bookings.id })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(bookingForPhone(phone), eq(bookings.status, 'offered'), gt(bookings.offerExpiresAt, now)))
      .orderBy(desc(bookings.offeredAt), desc(bookings.id))
      .limit(1)
    return row?.bookingId
  }

  /** The booking this number made last, whatever became of it: whose hub to name in a reply. */
  async latestBooking(phone: string): Promise<number | undefined> {
    const [row] = await this.db
      .select({ bookingId: bookings.id })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(bookingForPhone(phone))
      .orderBy(desc(bookings.createdAt), desc(bookings.id))
      .limit(1)
    return row?.bookingId
  }
}
