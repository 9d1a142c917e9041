import type { Tx } from '../../db/database.js'
import type { BookingRow } from '../../data/booking-repository.js'
import { lockCourse, type LockedCourse } from '../../data/course-lock.js'
import { audited, type BookingChanges } from './booking-changes.js'
import { freePlaces, type BookingContext } from './booking-context.js'
import type { ChangeCourseOptions, ChangeCourseResult, CourseChanged } from './booking-types.js'
import { isBookable, type PlaceRequests } from './place-requests.js'
import type { Effects } from '../unit-of-work.js'

/**
 * Staff move a family from one course or drop-in to another. One transaction: the new place is
 * confirmed, the old booking ends, and the place it frees is offered to the old course's waiting
 * list, with the messages for all three. So a family is never left with both places or neither,
 * and a crash half-way leaves things as they were.
 */
export class CourseChange {
  constructor(
    private readonly ctx: BookingContext,
    private readonly requests: PlaceRequests,
    private readonly changes: BookingChanges,
  ) {}

  async changeCourse(bookingId: number, toCourseId: number, options: ChangeCourseOptions = {}): Promise<ChangeCourseResult> {
    const now = options.now ?? new Date()
    return this.ctx.unitOfWork.run(
      (tx, effects) => this.decide(tx, effects, bookingId, toCourseId, options, now),
      // The locks make the database's own checks (capacity, one place per person) agree with the
      // rules above; should one refuse all the same, decide again on the state as it is now.
      async (refusal) => (refusal.kind === 'unique' || refusal.kind === 'check' ? 'again' : undefined),
    )
  }

  private async decide(
    tx: Tx,
    effects: Effects,
    bookingId: number,
    toCourseId: number,
    options: ChangeCourseOptions,
    now: Date,
  ): Promise<ChangeCourseResult> {
    const peek = await this.ctx.bookings.findById(tx, bookingId)
    if (!peek) return { outcome: 'no_such_booking' }
    if (peek.courseId === toCourseId) return { outcome: 'same_course', booking: peek }
    const locked = await this.lock(tx, peek, toCourseId)
    if (!locked) return { outcome: 'no_such_booking' }
    const { booking, from, to } = locked
    if (!to) return { outcome: 'no_such_course' }
    if (booking.status !== 'confirmed' && booking.status !== 'offered' && booking.status !== 'waiting')
      return { outcome: 'not_allowed', booking }
    if (!isBookable(to, 'reception', now)) return { outcome: 'closed' }
    const contact = await this.requests.contactOf(tx, { familyId: booking.familyId })
    const existing = await this.ctx.bookings.findActiveByContact(tx, toCourseId, contact.email, contact.phone)
    if (existing) return { outcome: 'already_booked', booking: existing }
    const hasPlace = freePlaces(to) > 0
    if (!hasPlace && !options.overbookReason?.trim()) return { outcome: 'full' }

    const made = await this.requests.insertBooking(tx, effects, to, {
      familyId: booking.familyId,
      contact,
      status: 'confirmed',
      overbookReason: hasPlace ? undefined : options.overbookReason,
      source: 'reception',
      staffUserId: options.staffUserId,
      now,
      // The family's language moves with them to the new course.
      language: booking.language,
    })
    const previous =
      booking.status === 'waiting'
        ? await this.changes.leaveIn(tx, effects, booking, now)
        : await this.changes.cancelIn(tx, effects, booking, `Moved to ${made.booking.reference}`, now)
    // The old place is free now: the old course's waiting list is offered it in this transaction.
    if (booking.status !== 'waiting') await this.changes.offerInto(tx, effects, from.course.id, now)
    const result: CourseChanged = { outcome: 'changed', booking: made.booking, previous, manageToken: made.manageToken }
    return audited(tx, result, booking, options.audit)
  }

  /**
   * Both course rows, lowest id first, then the booking: two moves in opposite directions between
   * the same two courses take their locks in the same order, so they never wait for each other in
   * a circle. Every other change locks a single course before its bookings, which fits this order.
   */
  private async lock(
    tx: Tx,
    peek: BookingRow,
    toCourseId: number,
  ): Promise<{ booking: BookingRow; from: LockedCourse; to: LockedCourse | undefined } | undefined> {
    const held = new Map<number, LockedCourse | undefined>()
    for (const courseId of [peek.courseId, toCourseId].sort((a, b) => a - b)) held.set(courseId, await lockCourse(tx, courseId))
    const from = held.get(peek.courseId)
    // A booking never moves between courses (a change makes a new booking), so the peek's course is still its own.
    const booking = await this.ctx.bookings.lockById(tx, peek.id)
    if (!booking || !from) return undefined
    return { booking, from, to: held.get(toCourseId) }
  }
}
