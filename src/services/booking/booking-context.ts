import type { Config } from '../../config.js'
import type { Db, Executor, Tx } from '../../db/database.js'
import type { BookingRepository, BookingRow } from '../../data/booking-repository.js'
import { lockCourse, type LockedCourse } from '../../data/course-lock.js'
import type { FamilyRepository } from '../../data/family-repository.js'
import type { OpenOfferRepository } from '../../data/booking/open-offer-repository.js'
import type { BookingNotifier, BookingMessageKind } from '../notifications/booking-notifier.js'
import { manageToken } from '../tokens.js'
import { noNewDates, type PlacesCameUp } from '../new-dates/new-dates-service.js'
import type { Effects, UnitOfWork } from '../unit-of-work.js'

/** What the parts of the booking service share. */
export class BookingContext {
  constructor(
    readonly db: Db,
    readonly bookings: BookingRepository,
    readonly families: FamilyRepository,
    readonly notifier: BookingNotifier,
    readonly config: Config,
    readonly unitOfWork: UnitOfWork,
    readonly openOffers: OpenOfferRepository,
    /** "Tell me about new dates": told of a run with places no one is waiting for. */
    readonly newDates: PlacesCameUp = noNewDates,
  ) {}

  /** The course row, locked (see lockBooking for the order locks are taken in). */
  lockCourse(tx: Tx, courseId: number): Promise<LockedCourse | undefined> {
    return lockCourse(tx, courseId)
  }

  /** Writes the event's messages to the outbox, in the same transaction as the change. */
  async record(tx: Tx, effects: Effects, kind: BookingMessageKind, bookingId: number): Promise<void> {
    await this.notifier.record(tx, kind, bookingId)
    effects.notificationsWritten()
  }

  manageTokenFor(booking: Pick<BookingRow, 'manageNonce'>): string {
    return manageToken(this.config.sessionSecret, booking.manageNonce)
  }

  /**
   * Locks the booking's course row, then the booking row: the one lock order every change uses,
   * so two changes never wait for each other in a circle.
   */
  async lockBooking(tx: Tx, bookingId: number): Promise<{ booking: BookingRow; course: LockedCourse } | undefined> {
    for (;;) {
      const peek = await this.bookings.findById(tx, bookingId)
      if (!peek) return undefined
      const course = await lockCourse(tx, peek.courseId)
      const booking = await this.bookings.lockById(tx, bookingId)
      if (!course || !booking) return undefined
      // Moved to another course meanwhile (staff): lock that one instead.
      if (booking.courseId === course.course.id) return { booking, course }
    }
  }

  /** 1 for the first in line. Undefined when the booking is not waiting. */
  async position(db: Executor, booking: BookingRow): Promise<number | undefined> {
    return this.bookings.waitingListPosition(db, booking)
  }
}

/** Places free for anyone: capacity less places held. Over-booked places are never handed on. */
export const freePlaces = (locked: LockedCourse): number => locked.course.capacity - locked.course.placesTaken
