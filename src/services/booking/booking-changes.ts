import type { Tx } from '../../db/database.js'
import type { BookingRow } from '../../data/booking-repository.js'
import { lockCourse, type LockedCourse } from '../../data/course-lock.js'
import { freePlaces, type BookingContext } from './booking-context.js'
import type {
  AcceptOptions,
  AcceptResult,
  AuditHook,
  CancelOptions,
  CancelResult,
  Changed,
  DeclineResult,
  ExpireResult,
  LeaveOptions,
  LeaveResult,
  PlaceOffer,
  PromoteOptions,
  PromoteResult,
} from './booking-types.js'
import { joinOpenOfferPlan, offerReaches, planOffer, type OfferPlan } from './offer-timing.js'
import { bookableOnline } from './place-requests.js'
import { offerRulesFor } from './offer-rules.js'
import { OpenOffers } from './open-offers.js'
import type { Effects } from '../unit-of-work.js'

/**
 * Everything that happens to a booking after it is made: cancelling, leaving the queue, and the
 * waiting-list offers. Each runs in one transaction that locks the course row first, so a freed
 * place and the offer of it commit together, and two changes to one course never interleave.
 */
export class BookingChanges {
  private readonly open: OpenOffers

  constructor(private readonly ctx: BookingContext) {
    this.open = new OpenOffers(ctx)
  }

  cancel(bookingId: number, options: CancelOptions = {}): Promise<CancelResult> {
    const now = options.now ?? new Date()
    return this.change(bookingId, async (tx, effects, booking) => {
      if (booking.status !== 'confirmed' && booking.status !== 'offered') return { outcome: 'not_allowed', booking }
      const cancelled = await this.cancelIn(tx, effects, booking, options.reason, now)
      await this.offerInto(tx, effects, booking.courseId, now)
      return audited(tx, { outcome: 'cancelled', booking: cancelled }, booking, options.audit)
    })
  }

  /** Leaving the queue; an open offer counts as declined (the place goes to the next in line). */
  leaveWaitingList(bookingId: number, options: LeaveOptions = {}): Promise<LeaveResult> {
    const now = options.now ?? new Date()
    return this.change(bookingId, async (tx, effects, booking) => {
      if (booking.status !== 'waiting' && booking.status !== 'offered') return { outcome: 'not_allowed', booking }
      const left = await this.leaveIn(tx, effects, booking, now)
      if (booking.status === 'offered') await this.offerInto(tx, effects, booking.courseId, now)
      return audited(tx, { outcome: 'left', booking: left }, booking, options.audit)
    })
  }

  /** Inside a change's transaction, with the course locked: the place is cancelled (not yet offered on). */
  async cancelIn(tx: Tx, effects: Effects, booking: BookingRow, reason: string | null | undefined, now: Date): Promise<BookingRow> {
    const cancelled = await this.ctx.bookings.update(tx, booking.id, {
      status: 'cancelled',
      endedAt: now,
      cancelReason: reason?.trim() || null,
      // The family's calendar must hear of it: the cancelling invite needs a higher SEQUENCE.
      calendarSequence: booking.calendarSequence + (booking.status === 'confirmed' ? 1 : 0),
    })
    await this.ctx.record(tx, effects, 'booking_cancelled', booking.id)
    return cancelled
  }

  /** Inside a change's transaction: off the queue (an open offer is declined, not yet offered on). */
  async leaveIn(tx: Tx, effects: Effects, booking: BookingRow, now: Date): Promise<BookingRow> {
    const left = await this.ctx.bookings.update(tx, booking.id, {
      status: booking.status === 'offered' ? 'declined' : 'left_waiting_list',
      endedAt: now,
    })
    await this.ctx.record(tx, effects, 'waitlist_left', booking.id)
    return left
  }

  /** Accepting twice is harmless: the second answer is the same confirmation. */
  acceptOffer(bookingId: number, options: AcceptOptions = {}): Promise<AcceptResult> {
    const now = options.now ?? new Date()
    return this.change(bookingId, async (tx, effects, booking, course) => {
      if (booking.status === 'confirmed') return { outcome: 'confirmed', booking, manageToken: this.ctx.manageTokenFor(booking) }
      if (booking.status === 'waiting') return this.acceptOpenOffer(tx, effects, booking, course, now, options)
      if (booking.status !== 'offered') return { outcome: 'not_allowed', booking }
      if (booking.offerExpiresAt! <= now) {
        // Too late, though the expiry job has not run yet: do its work now rather than hold the place.
        return { outcome: 'offer_expired', booking: await this.expire(tx, effects, booking, now) }
      }
      const confirmed = await this.ctx.bookings.update(tx, booking.id, { status: 'confirmed', confirmedAt: now })
      await this.ctx.record(tx, effects, 'booking_confirmed', booking.id)
      return audited(
        tx,
        { outcome: 'confirmed' as const, booking: confirmed, manageToken: this.ctx.manageTokenFor(confirmed) },
        booking,
        options.audit,
      )
    })
  }

  /** A waiting family answering an open offer: a place, or "it has gone" (still in the queue). */
  private async acceptOpenOffer(
    tx: Tx,
    effects: Effects,
    booking: BookingRow,
    course: LockedCourse,
    now: Date,
    options: AcceptOptions,
  ): Promise<AcceptResult> {
    const result = await this.open.accept(tx, effects, booking, course, now)
    if (result.outcome !== 'confirmed') return result
    const confirmed = { outcome: 'confirmed' as const, booking: result.booking, manageToken: this.ctx.manageTokenFor(result.booking) }
    return audited(tx, confirmed, booking, options.audit)
  }

  declineOffer(bookingId: number, options: { now?: Date } = {}): Promise<DeclineResult> {
    const now = options.now ?? new Date()
    return this.change(bookingId, async (tx, effects, booking) => {
      if (booking.status !== 'offered') return { outcome: 'not_allowed', booking }
      const declined = await this.ctx.bookings.update(tx, booking.id, { status: 'declined', endedAt: now })
      await this.ctx.record(tx, effects, 'waitlist_left', booking.id)
      await this.offerInto(tx, effects, booking.courseId, now)
      return { outcome: 'declined', booking: declined }
    })
  }

  /** The expiry job's work. Re-reads the booking: only an offer still open and past its time ends. */
  expireOffer(bookingId: number, options: { now?: Date } = {}): Promise<ExpireResult> {
    const now = options.now ?? new Date()
    return this.change(bookingId, async (tx, effects, booking): Promise<ExpireResult> => {
      if (booking.status !== 'offered' || booking.offerExpiresAt! > now) return { outcome: 'not_due' }
      return { outcome: 'expired', booking: await this.expire(tx, effects, booking, now) }
    })
  }

  /**
   * Staff move a family from the queue into a place, out of turn if they choose, under the normal
   * capacity rule (or over it with a recorded reason, where the caller allows over-booking).
   */
  promoteFromWaitingList(bookingId: number, options: PromoteOptions = {}): Promise<PromoteResult> {
    const now = options.now ?? new Date()
    return this.change(bookingId, async (tx, effects, booking, course) => {
      if (booking.status !== 'waiting' && booking.status !== 'offered') return { outcome: 'not_allowed', booking }
      // An offered booking already holds its place; a waiting one needs a free place.
      const overbook = booking.status === 'waiting' && freePlaces(course) <= 0
      if (overbook && !options.overbookReason) return { outcome: 'full' }
      if (overbook)
        await this.ctx.bookings.setOverbookedPlaces(
          tx,
          course.course.id,
          Math.max(course.course.overbookedPlaces, course.course.placesTaken + 1 - course.course.capacity),
        )
      const confirmed = await this.ctx.bookings.update(tx, booking.id, {
        status: 'confirmed',
        confirmedAt: now,
        ...(overbook ? { overbooked: true, overbookReason: options.overbookReason!.trim() } : {}),
      })
      await this.ctx.record(tx, effects, 'booking_confirmed', booking.id)
      return audited(
        tx,
        { outcome: 'confirmed', booking: confirmed, manageToken: this.ctx.manageTokenFor(confirmed) },
        booking,
        options.audit,
      )
    })
  }

  /**
   * Offers every free place on the course to the families waiting. Call it, in the same
   * transaction, after anything that frees places or raises the capacity. While one family at a
   * time can still finish before the cut-off, the next families in line each get an exclusive
   * offer that holds a place, for a length that fits the time left (offer-timing.ts); after that,
   * the free places go to every family waiting at once (an open offer, open-offers.ts). When
   * neither fits, the place stays open to anyone who books, and the families stay in the queue
   * (staff see them on the register and can still move them into a place).
   */
  async offerFreedPlaces(tx: Tx, courseId: number, now = new Date(), effects?: Effects): Promise<PlaceOffer[]> {
    const locked = await lockCourse(tx, courseId)
    if (!locked || !takesOffers(locked, now)) return []
    await this.releaseUnusedOverbooking(tx, locked)
    const free = freePlaces(locked)
    if (free <= 0) return []
    const rules = offerRulesFor(locked, this.ctx.config)
    const live = await this.ctx.openOffers.live(tx, courseId)
    // New places on a run with an open offer running join it rather than start a queue of their own.
    const plan: OfferPlan =
      live && live.closesAt > now ? joinOpenOfferPlan(now, live.closesAt, rules) : planOffer(now, locked.firstStartsAt, rules)
    // Too late for any offer: the place is open to anyone who books. The subscribers hear of it only
    // when nobody is waiting for the run: families who waited are never passed over for them.
    if (plan.kind === 'none') {
      if (!(await this.ctx.bookings.anyoneWaitingFor(tx, courseId))) await this.tellSubscribers(tx, locked, now, effects)
      return []
    }
    // The one query that says who is waiting for these places, first in line first: this run's queue
    // and the families queued on another run of the programme who said this one suits them. An
    // offer that can go by email only (made at night, ending before the morning) leaves out the
    // families who get no email: they keep their place in the queue (offerReaches).
    const emailOnly = offerReaches(plan) === 'email_only'
    const candidates = await this.ctx.bookings.waitingList(tx, courseId, plan.kind === 'open' ? undefined : free, {
      reachableByEmail: emailOnly,
    })
    // No one waiting: the families who asked to hear about new dates are told (once per run).
    if (candidates.length === 0 && !(emailOnly && (await this.ctx.bookings.anyoneWaitingFor(tx, courseId))))
      await this.tellSubscribers(tx, locked, now, effects)
    if (plan.kind === 'open') {
      await this.open.offerToAll(tx, effects, locked, plan, candidates, now)
      return []
    }
    const offers: PlaceOffer[] = []
    for (const entry of candidates) {
      // A family queued on another run moves to this one with the offer; undefined: taken meanwhile.
      if (!(await this.ctx.bookings.offer(tx, entry.id, courseId, { offeredAt: now, offerExpiresAt: plan.expiresAt }))) continue
      await this.ctx.notifier.record(tx, 'place_offered', entry.id, plan.textAt ? { textAt: plan.textAt } : { emailOnly: true })
      offers.push({ bookingId: entry.id, courseId, expiresAt: plan.expiresAt })
    }
    return offers
  }

  /**
   * A place nobody is offered (no one waiting, or too late for offers) tells the families who asked
   * to hear about new dates for the programme, while families can still book it online: open for
   * booking, not begun, not cancelled, not referral-only (what the course page offers as "Book").
   * Once per run per subscriber (the outbox's dedupe key); texts wait for the end of the quiet hours.
   */
  private async tellSubscribers(tx: Tx, locked: LockedCourse, now: Date, effects: Effects | undefined): Promise<void> {
    if (!bookableOnline(locked, now)) return
    await this.ctx.newDates.placesCameUp(tx, locked.course.id, now, effects)
  }

  /** offerFreedPlaces inside a unit of work: the offers' expiry jobs are scheduled after commit. */
  async offerInto(tx: Tx, effects: Effects, courseId: number, now: Date): Promise<PlaceOffer[]> {
    const offers = await this.offerFreedPlaces(tx, courseId, now, effects)
    effects.offersMade(offers)
    return offers
  }

  private async expire(tx: Tx, effects: Effects, booking: BookingRow, now: Date): Promise<BookingRow> {
    const expired = await this.ctx.bookings.update(tx, booking.id, { status: 'expired', endedAt: now })
    await this.ctx.record(tx, effects, 'offer_expired', booking.id)
    await this.offerInto(tx, effects, booking.courseId, now)
    return expired
  }

  /**
   * Once an over-booked course has fewer families than its raised limit, lower the limit again,
   * so that the database's capacity check stays as tight as it can be.
   */
  private async releaseUnusedOverbooking(tx: Tx, locked: LockedCourse): Promise<void> {
    const needed = Math.max(0, locked.course.placesTaken - locked.course.capacity)
    if (locked.course.overbookedPlaces > needed) await this.ctx.bookings.setOverbookedPlaces(tx, locked.course.id, needed)
  }

  private change<T>(bookingId: number, work: (tx: Tx, effects: Effects, booking: BookingRow, course: LockedCourse) => Promise<T>) {
    return this.ctx.unitOfWork.run(async (tx, effects): Promise<T | { outcome: 'no_such_booking' }> => {
      const locked = await this.ctx.lockBooking(tx, bookingId)
      if (!locked) return { outcome: 'no_such_booking' }
      return work(tx, effects, locked.booking, locked.course)
    })
  }
}

/** Runs the caller's audit hook, last, in the change's transaction; returns the result as it was. */
export async function audited<R>(tx: Tx, result: R, before: BookingRow, audit: AuditHook<Changed<R>> | undefined): Promise<R> {
  if (audit) await audit(tx, { ...result, before })
  return result
}

/** Offers are made while the course can still be booked: open, not cancelled, not begun. */
function takesOffers(locked: LockedCourse, now: Date): boolean {
  return locked.course.bookingOpen && !locked.course.cancelledAt && locked.firstStartsAt !== null && locked.firstStartsAt > now
}
