import type { Db, Tx } from '../../db/database.js'
import { databaseRefusal } from '../../data/booking/database-errors.js'
import type { JobQueue } from '../../jobs/job-queue.js'
import type { Logger } from '../../logger.js'
import type { BookingNotifier } from '../notifications/booking-notifier.js'
import type { PlaceOffer } from './booking-types.js'
import { OFFER_EXPIRY_JOB } from './job-names.js'

/** What a transaction leaves to do once it has committed. */
export interface Effects {
  offers: PlaceOffer[]
  /** Set when a notification row was written: the delivery worker is woken after commit. */
  notified: boolean
}

const MAX_ATTEMPTS = 5

/**
 * Runs booking work in one transaction, then (only after commit) schedules each new offer's
 * expiry job and wakes the notification worker. Jobs are not queued inside the transaction: the
 * embedded database serves one connection at a time, so a second connection's write would wait
 * for this transaction forever. A crash between commit and scheduling loses nothing for long: the
 * sweep job expires overdue offers, and the notification rows are already committed.
 *
 * A deadlock, a serialisation failure or a clash of random booking references runs the work again.
 */
export class UnitOfWork {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly notifier: BookingNotifier,
    private readonly logger: Logger,
  ) {}

  async run<T>(work: (tx: Tx, effects: Effects) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const effects: Effects = { offers: [], notified: false }
      try {
        const result = await this.db.transaction((tx) => work(tx, effects))
        if (effects.notified || effects.offers.length > 0) await this.afterCommit(effects.offers)
        return result
      } catch (error) {
        const refusal = databaseRefusal(error)
        const worthRetrying = refusal?.kind === 'retry' || (refusal?.kind === 'unique' && refusal.constraint === 'bookings_reference_unique')
        if (worthRetrying && attempt < MAX_ATTEMPTS) continue
        throw error
      }
    }
  }

  /** Never throws: the booking has committed, and the sweeps recover whatever fails here. */
  async afterCommit(offers: readonly PlaceOffer[]): Promise<void> {
    for (const offer of offers) {
      try {
        await this.jobs.at(offer.expiresAt, OFFER_EXPIRY_JOB, { bookingId: offer.bookingId })
      } catch (error) {
        this.logger.error({ err: error, bookingId: offer.bookingId }, 'could not schedule the offer expiry job; the sweep will expire it')
      }
    }
    try {
      await this.notifier.afterCommit()
    } catch (error) {
      this.logger.error({ err: error }, 'could not queue notification delivery')
    }
  }
}
