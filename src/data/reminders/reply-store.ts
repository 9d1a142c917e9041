import { and, desc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db, Tx } from '../../db/database.js'
import { bookings, families, inboundMessages, notifications, openOfferFamilies, openOffers, sessions } from '../../db/schema/index.js'

/** Texts to one number sent this close together went out in the same delivery run. */
const SAME_SEND_MS = 5 * 60 * 1000

/** How long the numbers in a "Reply CANCEL 1 for ..." question keep their meaning. */
const CHOICES_LAST_MS = 24 * 60 * 60 * 1000

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
  /** `receivedAt`: left out, the database's clock. */
  async claim(values: { providerMessageId: string | null; fromPhone: string; body: string; receivedAt?: Date | undefined }): Promise<InboundRow | undefined> {
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

  /**
   * The bookings the latest text to this number was about: every text sent within SAME_SEND_MS of
   * the latest one counts as the same send (one delivery run), so two bookings' texts that went out
   * together give two. A null is a text about no booking. Undefined when no text has gone yet.
   */
  async latestSend(phone: string): Promise<(number | null)[] | undefined> {
    const rows = await this.db
      .select({ bookingId: notifications.bookingId, sentAt: notifications.sentAt })
      .from(notifications)
      .where(and(eq(notifications.channel, 'sms'), eq(notifications.recipient, phone), inArray(notifications.state, ['sent', 'delivered']), isNotNull(notifications.sentAt)))
      .orderBy(desc(notifications.sentAt), desc(notifications.id))
      .limit(20)
    const latest = rows[0]?.sentAt
    if (!latest) return undefined
    return [...new Set(rows.filter((row) => row.sentAt!.getTime() >= latest.getTime() - SAME_SEND_MS).map((row) => row.bookingId))]
  }

  /** This number's confirmed bookings with a session still ahead, the soonest first. */
  async cancellableBookings(phone: string, now: Date): Promise<number[]> {
    const nextStart = sql`(select min(${sessions.startsAt}) from ${sessions} where ${sessions.courseId} = ${bookings.courseId} and ${sessions.cancelledAt} is null and ${sessions.startsAt} > ${now})`
    const rows = await this.db
      .select({ bookingId: bookings.id })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(bookingForPhone(phone), eq(bookings.status, 'confirmed'), hasSessionAhead(now)))
      .orderBy(nextStart, bookings.id)
    return rows.map((row) => row.bookingId)
  }

  /** This number's waiting-list offers still open, the latest first. */
  async openOffers(phone: string, now: Date): Promise<number[]> {
    const rows = await this.db
      .select({ bookingId: bookings.id })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(bookingForPhone(phone), eq(bookings.status, 'offered'), gt(bookings.offerExpiresAt, now)))
      .orderBy(desc(bookings.offeredAt), desc(bookings.id))
    return rows.map((row) => row.bookingId)
  }

  /**
   * This number's waiting bookings with an open offer still running (first to accept gets a place),
   * the latest first: YES takes one as it takes an exclusive offer.
   */
  async liveOpenOffers(phone: string, now: Date): Promise<number[]> {
    const rows = await this.db
      .select({ bookingId: bookings.id })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .innerJoin(openOfferFamilies, eq(openOfferFamilies.bookingId, bookings.id))
      .innerJoin(openOffers, eq(openOffers.id, openOfferFamilies.openOfferId))
      .where(and(bookingForPhone(phone), eq(bookings.status, 'waiting'), isNull(openOffers.closedAt), gt(openOffers.closesAt, now)))
      .orderBy(desc(openOfferFamilies.offeredAt), desc(bookings.id))
    return rows.map((row) => row.bookingId)
  }

  /**
   * This number's still-waiting booking told of an open offer in the last two days that has gone
   * since (taken or closed): a YES to it gets a kind "it has gone", not a puzzled help text.
   */
  async goneOpenOffer(phone: string, now: Date): Promise<number | undefined> {
    const [row] = await this.db
      .select({ bookingId: bookings.id })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .innerJoin(openOfferFamilies, eq(openOfferFamilies.bookingId, bookings.id))
      .innerJoin(openOffers, eq(openOffers.id, openOfferFamilies.openOfferId))
      .where(
        and(
          bookingForPhone(phone),
          eq(bookings.status, 'waiting'),
          gt(openOfferFamilies.offeredAt, new Date(now.getTime() - 2 * CHOICES_LAST_MS)),
          or(isNotNull(openOffers.closedAt), lte(openOffers.closesAt, now)),
        ),
      )
      .orderBy(desc(openOfferFamilies.offeredAt))
      .limit(1)
    return row?.bookingId
  }

  /**
   * What the numbers meant in the latest "Reply CANCEL 1 for ..." (or YES 1) question to this
   * number, asked less than CHOICES_LAST_MS ago: the booking ids, in order. Kept in the question's
   * own inbound_messages row (details.choices).
   */
  async openChoices(phone: string, askedAction: string, now: Date): Promise<number[] | undefined> {
    const [row] = await this.db
      .select({ details: inboundMessages.details })
      .from(inboundMessages)
      .where(and(eq(inboundMessages.fromPhone, phone), eq(inboundMessages.action, askedAction), gt(inboundMessages.receivedAt, new Date(now.getTime() - CHOICES_LAST_MS))))
      .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
      .limit(1)
    const choices = (row?.details as { choices?: unknown } | null | undefined)?.choices
    return Array.isArray(choices) && choices.every((id) => Number.isInteger(id)) ? (choices as number[]) : undefined
  }

  /**
   * Inside the transaction that cancelled or confirmed the booking: its text about that is not
   * sent, because the reply to the family's text already says it (one text, not two). The email
   * still goes.
   */
  async answeredInReply(tx: Tx, bookingId: number, kind: string): Promise<void> {
    await tx
      .update(notifications)
      .set({ state: 'skipped', error: 'answered in the reply to the family\'s text', updatedAt: new Date() })
      .where(and(eq(notifications.bookingId, bookingId), eq(notifications.kind, kind), eq(notifications.channel, 'sms'), eq(notifications.state, 'scheduled')))
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
