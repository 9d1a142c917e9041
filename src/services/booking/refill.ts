import type { BookingContext } from './booking-context.js'
import { freePlaces } from './booking-context.js'
import type { BookingChanges } from './booking-changes.js'
import type { AuditHook } from './booking-types.js'
import { offerRulesFor } from './offer-rules.js'
import { offerReaches, openOfferPlan } from './offer-timing.js'
import { OpenOffers } from './open-offers.js'

/** What staff's "Offer to everyone waiting" came to. */
export type StartOpenOfferResult =
  | {
      outcome: 'opened'
      openOfferId: number
      familiesTold: number
      /** Families waiting who get only texts, left out because the offer closes before the quiet hours end. */
      textOnlyLeftOut: number
      closesAt: Date
    }
  /** no_one_reachable: everyone waiting gets only texts, and the offer would close before the quiet hours end. */
  | { outcome: 'no_free_places' | 'no_one_waiting' | 'no_one_reachable' | 'too_late' | 'closed' | 'no_such_course' }

export interface StartOpenOfferOptions {
  staffUserId?: number
  /** Written in the same transaction as the offer (see AuditHook). */
  audit?: AuditHook<Extract<StartOpenOfferResult, { outcome: 'opened' }>>
  now?: Date
}

/**
 * Keeping freed places filled as time passes: the sweep a job runs every few minutes, and staff's
 * one-click open offer. Both re-read everything under the course lock, so running either twice
 * has the effect of running it once.
 */
export class Refill {
  private readonly open: OpenOffers

  constructor(
    private readonly ctx: BookingContext,
    private readonly changes: BookingChanges,
  ) {
    this.open = new OpenOffers(ctx)
  }

  /**
   * Expires exclusive offers that are due (their places go to the next family, or to everyone
   * waiting once one at a time cannot finish before the cut-off), closes open offers that passed
   * their cut-off or whose places were taken, and offers free places that families are waiting
   * for and nobody has offered (a place left free after an offer could not be made, say).
   */
  async sweep(now: Date): Promise<void> {
    for (let batch = 0; batch < 50; batch++) {
      const overdue = await this.ctx.bookings.overdueOffers(this.ctx.db, now)
      for (const offer of overdue) await this.changes.expireOffer(offer.id, { now })
      if (overdue.length < 100) break
    }
    await this.open.closeDue(now)
    for (const courseId of await this.ctx.openOffers.coursesWithPlacesAndQueue(this.ctx.db, now)) {
      await this.ctx.unitOfWork.run((tx, effects) => this.changes.offerInto(tx, effects, courseId, now))
    }
  }

  /** Staff's "Offer to everyone waiting": the run's free places go to every family waiting, now. */
  startOpenOffer(courseId: number, options: StartOpenOfferOptions = {}): Promise<StartOpenOfferResult> {
    const now = options.now ?? new Date()
    return this.ctx.unitOfWork.run(async (tx, effects): Promise<StartOpenOfferResult> => {
      const locked = await this.ctx.lockCourse(tx, courseId)
      if (!locked) return { outcome: 'no_such_course' }
      if (!locked.course.bookingOpen || locked.course.cancelledAt || !locked.firstStartsAt || locked.firstStartsAt <= now)
        return { outcome: 'closed' }
      if (freePlaces(locked) <= 0) return { outcome: 'no_free_places' }
      const plan = openOfferPlan(now, locked.firstStartsAt, offerRulesFor(locked, this.ctx.config))
      if (plan.kind !== 'open') return { outcome: 'too_late' }
      // Everyone waiting for the run (the families the empty-places list counts: waitsForRun)...
      const waiting = await this.ctx.bookings.waitingList(tx, courseId)
      if (waiting.length === 0) return { outcome: 'no_one_waiting' }
      // ...less, at night when the offer closes before a text could go, the families who get no email.
      const reached =
        offerReaches(plan) === 'email_only'
          ? await this.ctx.bookings.waitingList(tx, courseId, undefined, { reachableByEmail: true })
          : waiting
      if (reached.length === 0) return { outcome: 'no_one_reachable' }
      const opened = await this.open.offerToAll(tx, effects, locked, plan, reached, now, options.staffUserId)
      if (!opened) return { outcome: 'no_one_waiting' }
      const { offer, told } = opened
      const result = {
        outcome: 'opened' as const,
        openOfferId: offer.id,
        familiesTold: told,
        textOnlyLeftOut: waiting.length - reached.length,
        closesAt: offer.closesAt,
      }
      if (options.audit) await options.audit(tx, result)
      return result
    })
  }
}
