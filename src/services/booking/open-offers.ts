import type { Tx } from '../../db/database.js'
import type { BookingRow } from '../../data/booking-repository.js'
import type { LockedCourse } from '../../data/course-lock.js'
import type { OpenOfferRow } from '../../data/booking/open-offer-repository.js'
import { freePlaces, type BookingContext } from './booking-context.js'
import type { Effects } from '../unit-of-work.js'
import { textTime } from './offer-timing.js'

type CloseReason = NonNullable<OpenOfferRow['closeReason']>

/** What accepting an open offer came to: a place, or "it has gone" (the family stays in the queue). */
export type OpenAcceptance =
  | { outcome: 'confirmed'; booking: BookingRow }
  | { outcome: 'place_gone'; booking: BookingRow }
  | { outcome: 'not_allowed'; booking: BookingRow }

/**
 * Open offers: the free places of a run offered to every family waiting at once, by text and
 * email; the first to accept gets a place. An open offer holds no place (places_taken counts only
 * confirmed and exclusively offered bookings), so it never keeps a place from a family offered it
 * first in the exclusive round. Every method runs inside a change that holds the course row lock,
 * so acceptances of one run queue one behind the other and the capacity check decides the rest.
 */
export class OpenOffers {
  constructor(private readonly ctx: BookingContext) {}

  /**
   * Offers the run's free places to `candidates` (the families waiting), joining the open offer
   * already running if there is one. Families already told are not told again. Returns the offer
   * and how many families were told now.
   */
  async offerToAll(
    tx: Tx,
    effects: Effects | undefined,
    locked: LockedCourse,
    plan: { closesAt: Date; textAt: Date | null },
    candidates: readonly BookingRow[],
    now: Date,
    staffUserId?: number,
  ): Promise<{ offer: OpenOfferRow; told: number } | undefined> {
    let live = await this.ctx.openOffers.live(tx, locked.course.id)
    if (live && live.closesAt <= now) {
      await this.close(tx, effects, live, now, 'cut_off')
      live = undefined
    }
    if (candidates.length === 0) return live && { offer: live, told: 0 }
    live ??= await this.ctx.openOffers.open(tx, {
      courseId: locked.course.id,
      openedAt: now,
      closesAt: plan.closesAt,
      openedByStaffId: staffUserId ?? null,
    })
    const told = await this.ctx.openOffers.addFamilies(
      tx,
      live.id,
      candidates.map((booking) => booking.id),
      now,
    )
    for (const bookingId of told) {
      await this.ctx.notifier.record(tx, 'place_open_offer', bookingId, {
        key: `:open:${live.id}`,
        ...(plan.textAt ? { textAt: plan.textAt } : { emailOnly: true }),
        payload: { openOfferId: live.id, closesAt: live.closesAt.toISOString() },
      })
    }
    if (told.length > 0) effects?.notificationsWritten()
    return { offer: live, told: told.length }
  }

  /**
   * A waiting family accepts: a place if the offer is still running and a place is still free.
   * The course row is locked (by the caller's lockBooking), so this reads the places as the last
   * acceptance left them; the course_not_overbooked check would refuse a second family anyway.
   */
  async accept(tx: Tx, effects: Effects, booking: BookingRow, ownCourse: LockedCourse, now: Date): Promise<OpenAcceptance> {
    let live = await this.ctx.openOffers.liveFor(tx, booking)
    // An offer on another run of the programme (the family waits for the programme): that run's
    // row is locked too, so its acceptances are decided one after another like this run's.
    const course = live && live.courseId !== booking.courseId ? await this.ctx.lockCourse(tx, live.courseId) : ownCourse
    if (live && (!course || live.closesAt <= now)) {
      await this.close(tx, effects, live, now, 'cut_off')
      live = undefined
    }
    if (!live || !course) {
      const told = await this.ctx.openOffers.wasOffered(tx, booking.id)
      return { outcome: told ? 'place_gone' : 'not_allowed', booking }
    }
    if (freePlaces(course) <= 0) {
      await this.close(tx, effects, live, now, 'filled')
      return { outcome: 'place_gone', booking }
    }
    // The queue entry becomes the place on the offer's run (it moves there if it queued on another).
    if (live.courseId !== booking.courseId) await this.ctx.bookings.moveQueueEntry(tx, booking.id, live.courseId)
    const confirmed = await this.ctx.bookings.update(tx, booking.id, { status: 'confirmed', confirmedAt: now })
    await this.ctx.record(tx, effects, 'booking_confirmed', booking.id)
    await this.ctx.openOffers.markAccepted(tx, live.id, booking.id, now)
    if (freePlaces(course) - 1 <= 0) await this.close(tx, effects, live, now, 'filled')
    return { outcome: 'confirmed', booking: confirmed }
  }

  /**
   * Ends an open offer. When its places were taken, every family told of it who is still waiting
   * hears that it has gone (they keep their place in the queue); at the cut-off nobody is messaged.
   */
  async close(tx: Tx, effects: Effects | undefined, offer: OpenOfferRow, now: Date, reason: CloseReason): Promise<void> {
    await this.ctx.openOffers.close(tx, offer.id, now, reason)
    if (reason !== 'filled') return
    const waiting = await this.ctx.openOffers.stillWaiting(tx, offer.id)
    // Offer texts still held for the morning are taken back; those families hear it has gone by
    // email only (or, with no email, not at all: they were never told of it).
    const notTexted = new Map((await this.ctx.openOffers.withdrawUnsentTexts(tx, offer.id)).map((w) => [w.bookingId, w.emailed]))
    // Not worth waking anyone for: a text at night waits for the end of the quiet hours.
    const textAt = goneTextAt(now, this.ctx.config)
    for (const bookingId of waiting) {
      if (notTexted.get(bookingId) === false) continue
      await this.ctx.notifier.record(tx, 'place_gone', bookingId, {
        key: `:open:${offer.id}`,
        payload: { openOfferId: offer.id },
        textAt,
        ...(notTexted.has(bookingId) ? { emailOnly: true } : {}),
      })
    }
    if (waiting.length > 0) effects?.notificationsWritten()
  }

  /** The sweep: closes open offers past their time, on full runs, or on runs closed to booking. */
  async closeDue(now: Date): Promise<void> {
    for (const offer of await this.ctx.openOffers.toClose(this.ctx.db, now)) {
      await this.ctx.unitOfWork.run(async (tx, effects) => {
        const locked = await this.ctx.lockCourse(tx, offer.courseId)
        const live = await this.ctx.openOffers.live(tx, offer.courseId)
        if (!locked || live?.id !== offer.id) return
        const reason = closeReason(locked, live, now)
        if (reason) await this.close(tx, effects, live, now, reason)
      })
    }
  }
}

/** When "it has gone" may be texted: now, or the end of the quiet hours when now is in them. */
function goneTextAt(now: Date, config: BookingContext['config']): Date {
  return textTime(now, new Date(8.64e15), { start: config.reminders.quietHoursStart, end: config.reminders.quietHoursEnd }) ?? now
}

/** Why a running open offer should end now, re-read under the lock; undefined: it runs on. */
function closeReason(locked: LockedCourse, offer: OpenOfferRow, now: Date): CloseReason | undefined {
  if (!locked.course.bookingOpen || locked.course.cancelledAt) return 'course_closed'
  if (offer.closesAt <= now) return 'cut_off'
  return freePlaces(locked) <= 0 ? 'filled' : undefined
}
