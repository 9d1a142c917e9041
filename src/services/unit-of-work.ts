import type { Db, Tx } from '../db/database.js'
import { databaseRefusal, type DatabaseRefusal } from '../data/booking/database-errors.js'
import type { Logger } from '../logger.js'
import type { JobQueue } from './job-queue.js'

/** An offer whose expiry job is scheduled once the transaction that made it has committed. */
export interface OfferToExpire {
  bookingId: number
  expiresAt: Date
}

/**
 * What a transaction leaves to do once it has committed. Each attempt gets a fresh one, so the
 * effects of an attempt that rolled back (and was perhaps run again) are never carried out.
 */
export class Effects {
  readonly offers: OfferToExpire[] = []
  /** Set when a notification row was written: the delivery worker is woken after commit. */
  notified = false

  /** Offers made in this transaction: their expiry is scheduled after commit. */
  offersMade(offers: readonly OfferToExpire[]): void {
    this.offers.push(...offers)
    if (offers.length > 0) this.notified = true
  }

  /** Notification rows were written in this transaction: delivery is woken after commit. */
  notificationsWritten(): void {
    this.notified = true
  }
}

/**
 * What to do when the database refused a write for a reason the caller understands (a unique or
 * check constraint): an answer to return as the result, 'again' to run the work again on the state
 * as it is now, or undefined to let the error through.
 */
export type Recovery<T> = (refusal: DatabaseRefusal) => Promise<{ result: T } | 'again' | undefined>

/** Attempts in all, counting the first, before a retryable failure is let through. */
export const MAX_ATTEMPTS = 5

/**
 * Every write a service makes runs here: one transaction, then (only after commit) each new
 * offer's expiry job is scheduled and the notification worker woken. Jobs are not queued inside
 * the transaction: the embedded database serves one connection at a time, so a second
 * connection's write would wait for this transaction forever. A crash between commit and
 * scheduling loses nothing for long: the sweep job expires overdue offers, and the notification
 * rows are already committed.
 *
 * A deadlock, a serialisation failure or a clash of random booking references runs the work again,
 * as does a refusal the caller's `recover` asks to decide again: one loop, at most MAX_ATTEMPTS.
 */
export class UnitOfWork {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly logger: Logger,
    private readonly maxAttempts = MAX_ATTEMPTS,
  ) {}

  async run<T>(work: (tx: Tx, effects: Effects) => Promise<T>, recover?: Recovery<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const effects = new Effects()
      let result: T
      try {
        result = await this.db.transaction((tx) => work(tx, effects))
      } catch (error) {
        const refusal = databaseRefusal(error)
        if (!refusal) throw error
        const next = isTransient(refusal) ? 'again' : await recover?.(refusal)
        if (next === 'again' && attempt < this.maxAttempts) continue
        if (next && next !== 'again') return next.result
        throw error
      }
      await this.afterCommit(effects)
      return result
    }
  }

  /** Never throws: the work has committed, and the sweeps recover whatever fails here. */
  private async afterCommit(effects: Effects): Promise<void> {
    for (const offer of effects.offers) {
      try {
        await this.jobs.scheduleOfferExpiry(offer.bookingId, offer.expiresAt)
      } catch (error) {
        this.logger.error({ err: error, bookingId: offer.bookingId }, 'could not schedule the offer expiry job; the sweep will expire it')
      }
    }
    if (!effects.notified && effects.offers.length === 0) return
    try {
      await this.jobs.wakeDelivery()
    } catch (error) {
      this.logger.error({ err: error }, 'could not queue notification delivery')
    }
  }
}

/** Worth running again as it is: nothing the work decided was wrong, only its timing or its luck. */
function isTransient(refusal: DatabaseRefusal): boolean {
  return refusal.kind === 'retry' || (refusal.kind === 'unique' && refusal.constraint === 'bookings_reference_unique')
}
