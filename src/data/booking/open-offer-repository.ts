import { and, asc, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { bookings, courses, openOfferFamilies, openOffers, sessions } from '../../db/schema/index.js'
import { waitsForRun } from './programme-queue-repository.js'

export type OpenOfferRow = typeof openOffers.$inferSelect
type CloseReason = NonNullable<OpenOfferRow['closeReason']>

/**
 * SQL for open offers (migration 0011). Every write runs in the caller's transaction, which holds
 * the course row lock: that lock, not this code, orders two acceptances of one place.
 */
export class OpenOfferRepository {
  /** The run's open offer still running, if any (at most one: a unique partial index). */
  async live(db: Executor, courseId: number): Promise<OpenOfferRow | undefined> {
    const [row] = await db
      .select()
      .from(openOffers)
      .where(and(eq(openOffers.courseId, courseId), isNull(openOffers.closedAt)))
    return row
  }

  /**
   * The running open offer this queue entry was told of, on its own run first. A family waiting for
   * a whole programme may be told of an open offer on another run (the programme-wide queue).
   */
  async liveFor(db: Executor, booking: { id: number; courseId: number }): Promise<OpenOfferRow | undefined> {
    const [row] = await db
      .select({ offer: openOffers })
      .from(openOfferFamilies)
      .innerJoin(openOffers, eq(openOffers.id, openOfferFamilies.openOfferId))
      .where(and(eq(openOfferFamilies.bookingId, booking.id), isNull(openOffers.closedAt)))
      .orderBy(sql`${openOffers.courseId} <> ${booking.courseId}`, asc(openOffers.openedAt))
      .limit(1)
    return row?.offer
  }

  async open(tx: Tx, values: { courseId: number; openedAt: Date; closesAt: Date; openedByStaffId?: number | null }): Promise<OpenOfferRow> {
    const [row] = await tx.insert(openOffers).values(values).returning()
    return row!
  }

  /** Adds families to an offer; returns the bookings that were not already on it. */
  async addFamilies(tx: Tx, openOfferId: number, bookingIds: number[], at: Date): Promise<number[]> {
    if (bookingIds.length === 0) return []
    const rows = await tx
      .insert(openOfferFamilies)
      .values(bookingIds.map((bookingId) => ({ openOfferId, bookingId, offeredAt: at })))
      .onConflictDoNothing()
      .returning({ bookingId: openOfferFamilies.bookingId })
    return rows.map((row) => row.bookingId)
  }

  async markAccepted(tx: Tx, openOfferId: number, bookingId: number, at: Date): Promise<void> {
    await tx
      .insert(openOfferFamilies)
      .values({ openOfferId, bookingId, offeredAt: at, acceptedAt: at })
      .onConflictDoUpdate({ target: [openOfferFamilies.openOfferId, openOfferFamilies.bookingId], set: { acceptedAt: at } })
  }

  async close(tx: Tx, openOfferId: number, at: Date, reason: CloseReason): Promise<void> {
    await tx
      .update(openOffers)
      .set({ closedAt: at, closeReason: reason })
      .where(and(eq(openOffers.id, openOfferId), isNull(openOffers.closedAt)))
  }

  /** The families told of the offer who are still waiting (not the one who took the place). */
  async stillWaiting(db: Executor, openOfferId: number): Promise<number[]> {
    const rows = await db
      .select({ bookingId: openOfferFamilies.bookingId })
      .from(openOfferFamilies)
      .innerJoin(bookings, eq(bookings.id, openOfferFamilies.bookingId))
      .where(and(eq(openOfferFamilies.openOfferId, openOfferId), eq(bookings.status, 'waiting'), isNull(openOfferFamilies.acceptedAt)))
      .orderBy(asc(openOfferFamilies.bookingId))
    return rows.map((row) => row.bookingId)
  }

  /**
   * Takes back the offer texts of this open offer not sent yet (held for the end of the quiet hours):
   * the places are gone, so a text in the morning would only offer what cannot be had. Returns each
   * booking whose text was taken back, and whether it was told of the offer by email. Only rows no
   * worker has claimed: a claimed one is going.
   */
  async withdrawUnsentTexts(tx: Tx, openOfferId: number): Promise<{ bookingId: number; emailed: boolean }[]> {
    const result = await tx.execute<{ booking_id: number; emailed: boolean }>(sql`
      update notifications n set state = 'skipped', error = 'the open offer filled before the text could go', updated_at = now()
      where n.kind = 'place_open_offer' and n.channel = 'sms' and n.state = 'scheduled'
        and n.payload->>'openOfferId' = ${String(openOfferId)}
      returning n.booking_id, exists (select 1 from notifications e where e.booking_id = n.booking_id
        and e.kind = 'place_open_offer' and e.channel = 'email' and e.payload->>'openOfferId' = ${String(openOfferId)}) as emailed`)
    return result.rows.map((row) => ({ bookingId: Number(row.booking_id), emailed: row.emailed === true }))
  }

  /** Whether this booking was ever told of an open offer (so "it has gone" is the honest answer). */
  async wasOffered(db: Executor, bookingId: number): Promise<boolean> {
    const [row] = await db.select({ one: sql`1` }).from(openOfferFamilies).where(eq(openOfferFamilies.bookingId, bookingId)).limit(1)
    return row !== undefined
  }

  /**
   * Open offers still marked open that should close: past their closing time, or on a run with no
   * free place left (a newcomer booked it), or on a run closed to booking. For the sweep.
   */
  async toClose(db: Executor, now: Date, limit = 100): Promise<OpenOfferRow[]> {
    const rows = await db
      .select({ offer: openOffers })
      .from(openOffers)
      .innerJoin(courses, eq(courses.id, openOffers.courseId))
      .where(
        and(
          isNull(openOffers.closedAt),
          or(
            lte(openOffers.closesAt, now),
            sql`${courses.placesTaken} >= ${courses.capacity}`,
            eq(courses.bookingOpen, false),
            isNotNull(courses.cancelledAt),
          ),
        ),
      )
      .orderBy(asc(openOffers.closesAt))
      .limit(limit)
    return rows.map((row) => row.offer)
  }

  /**
   * Runs not yet started, open for booking, with free places and families waiting for them (its own
   * queue and the programme's families who said it suits them: waitsForRun): the places a sweep
   * should offer (offerFreedPlaces decides how, and does nothing when it cannot).
   */
  async coursesWithPlacesAndQueue(db: Executor, now: Date, limit = 200): Promise<number[]> {
    const rows = await db
      .select({ id: courses.id })
      .from(courses)
      .where(
        and(
          eq(courses.bookingOpen, true),
          isNull(courses.cancelledAt),
          sql`${courses.placesTaken} < ${courses.capacity}`,
          sql`exists (select 1 from ${bookings} where ${waitsForRun(sql`${courses.id}`)})`,
          sql`exists (select 1 from ${sessions} where ${sessions.courseId} = ${courses.id} and ${sessions.cancelledAt} is null and ${sessions.startsAt} > ${now})`,
          sql`not exists (select 1 from ${sessions} where ${sessions.courseId} = ${courses.id} and ${sessions.cancelledAt} is null and ${sessions.startsAt} <= ${now})`,
        ),
      )
      .orderBy(asc(courses.id))
      .limit(limit)
    return rows.map((row) => row.id)
  }
}
