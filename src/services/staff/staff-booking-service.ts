import type { Tx } from '../../db/database.js'
import type { BookingRepository, BookingRow } from '../../data/booking-repository.js'
import type { CourseListFilter, CourseLists } from '../../data/staff/course-lists.js'
import type { BookingService } from '../booking/booking-service.js'
import type { AlsoSuitable, ChildInput, NewFamily } from '../booking/booking-types.js'
import type { BookingNotifier } from '../notifications/booking-notifier.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { AuditService } from './audit-service.js'
import type { StaffPrincipal } from './policy.js'

/**
 * Reception (and managers) acting on bookings for a family. Capacity, the waiting list and offers
 * are the booking service's alone: this only calls it, and records who did what through its audit
 * hook, inside the booking's own transaction: the change and its audit entry commit together or
 * not at all: every staff action on a booking is recorded.
 */
export class StaffBookingService {
  constructor(
    /** Every write: one transaction, retried when worth it, its jobs queued after commit. */
    private readonly unitOfWork: UnitOfWork,
    private readonly bookingService: () => BookingService | undefined,
    private readonly notifier: Pick<BookingNotifier, 'resend'>,
    private readonly bookings: BookingRepository,
    private readonly courseLists: CourseLists,
    private readonly audit: AuditService,
  ) {}

  /** Courses and drop-ins reception can book now or put a family in the queue for. */
  async bookable(filter: CourseListFilter, now = new Date()) {
    const rows = await this.courseLists.list({ ...filter, current: true }, now)
    return rows.filter((row) => row.course.bookingOpen && !row.course.cancelledAt && row.firstStartsAt && row.firstStartsAt > now)
  }

  details(bookingId: number) {
    return this.booking.details(bookingId)
  }

  courseSummary(courseId: number) {
    return this.booking.courseSummary(courseId)
  }

  /** A place (or, over capacity, a place with a recorded reason; the caller checks who may). */
  book(actor: StaffPrincipal, familyId: number, courseId: number, options: { overbookReason?: string; requestKey?: string } = {}) {
    return this.booking.book({
      courseId,
      family: { familyId },
      source: 'reception',
      staffUserId: actor.id,
      ...(options.overbookReason ? { overbookReason: options.overbookReason } : {}),
      ...(options.requestKey ? { requestKey: options.requestKey } : {}),
      audit: (tx, made) => this.recordCreated(tx, actor, made.booking, 'reception'),
    })
  }

  joinWaitingList(
    actor: StaffPrincipal,
    familyId: number,
    courseId: number,
    options: { requestKey?: string; alsoSuitable?: AlsoSuitable | undefined } = {},
  ) {
    return this.booking.joinWaitingList({
      courseId,
      ...(options.alsoSuitable ? { alsoSuitable: options.alsoSuitable } : {}),
      family: { familyId },
      source: 'reception',
      staffUserId: actor.id,
      ...(options.requestKey ? { requestKey: options.requestKey } : {}),
      audit: (tx, made) => this.recordCreated(tx, actor, made.booking, 'reception'),
    })
  }

  /** A family at a drop-in without a booking: a place if there is space (the facilitator's walk-in). */
  walkIn(actor: StaffPrincipal, family: NewFamily, courseId: number, children: ChildInput[] = []) {
    return this.booking.book({
      courseId,
      family,
      children,
      source: 'walk_in',
      staffUserId: actor.id,
      audit: (tx, made) => this.recordCreated(tx, actor, made.booking, 'walk_in'),
    })
  }

  cancel(actor: StaffPrincipal, bookingId: number, reason: string | null) {
    return this.booking.cancel(bookingId, {
      reason,
      staffUserId: actor.id,
      audit: (tx, done) => this.recordChange(tx, actor, 'booking.cancelled', done.before, done.booking, { reason }),
    })
  }

  leaveWaitingList(actor: StaffPrincipal, bookingId: number) {
    return this.booking.leaveWaitingList(bookingId, {
      audit: (tx, done) => this.recordChange(tx, actor, 'booking.left_waiting_list', done.before, done.booking),
    })
  }

  promote(actor: StaffPrincipal, bookingId: number, overbookReason?: string) {
    return this.booking.promoteFromWaitingList(bookingId, {
      staffUserId: actor.id,
      ...(overbookReason ? { overbookReason } : {}),
      audit: (tx, done) => this.recordChange(tx, actor, 'booking.promoted', done.before, done.booking),
    })
  }

  /**
   * Moves a family to another course or drop-in: the booking service confirms the new place and
   * ends the old booking in one transaction (nothing changes when the new course is full), and
   * the audit entry is written in it too.
   */
  change(actor: StaffPrincipal, bookingId: number, toCourseId: number, overbookReason?: string) {
    return this.booking.changeCourse(bookingId, toCourseId, {
      staffUserId: actor.id,
      ...(overbookReason ? { overbookReason } : {}),
      audit: (tx, done) =>
        this.audit.record(tx, actor, {
          action: 'booking.changed',
          entityType: 'booking',
          entityId: done.before.id,
          familyId: done.before.familyId,
          before: {
            bookingId: done.before.id,
            reference: done.before.reference,
            courseId: done.before.courseId,
            status: done.before.status,
          },
          after: {
            bookingId: done.booking.id,
            reference: done.booking.reference,
            courseId: done.booking.courseId,
            status: done.booking.status,
            oldStatus: done.previous.status,
            ...(done.booking.overbooked ? { overbookReason: done.booking.overbookReason } : {}),
          },
        }),
    })
  }

  /**
   * The confirmation (or waiting-list message) again, on the channels the family agreed to: the
   * notifier's own rule, as a new message. Returns how many messages (channels) were written.
   */
  async resend(actor: StaffPrincipal, bookingId: number): Promise<number> {
    return this.unitOfWork.run(async (tx, effects) => {
      const booking = await this.bookings.lockById(tx, bookingId)
      const kind = booking?.status === 'waiting' ? 'waitlist_joined' : booking?.status === 'confirmed' ? 'booking_confirmed' : undefined
      if (!booking || !kind) return 0
      const count = await this.notifier.resend(tx, kind, bookingId)
      if (count > 0) effects.notificationsWritten()
      await this.audit.record(tx, actor, {
        action: 'booking.message_resent',
        entityType: 'booking',
        entityId: bookingId,
        familyId: booking.familyId,
        after: { kind, messages: count },
      })
      return count
    })
  }

  private get booking(): BookingService {
    const service = this.bookingService()
    if (!service) throw new Error('The booking service is not registered (services.booking)')
    return service
  }

  private recordCreated(tx: Tx, actor: StaffPrincipal, booking: BookingRow, source: string) {
    return this.audit.record(tx, actor, {
      action: booking.status === 'waiting' ? 'booking.waiting_list_joined' : 'booking.created',
      entityType: 'booking',
      entityId: booking.id,
      familyId: booking.familyId,
      after: {
        reference: booking.reference,
        courseId: booking.courseId,
        status: booking.status,
        source,
        overbooked: booking.overbooked,
        overbookReason: booking.overbookReason,
      },
    })
  }

  private recordChange(
    tx: Tx,
    actor: StaffPrincipal,
    action: string,
    before: BookingRow,
    after: BookingRow,
    extra: Record<string, unknown> = {},
  ) {
    return this.audit.record(tx, actor, {
      action,
      entityType: 'booking',
      entityId: before.id,
      familyId: before.familyId,
      before: { status: before.status, overbooked: before.overbooked },
      after: { status: after.status, overbooked: after.overbooked, overbookReason: after.overbookReason, ...extra },
    })
  }
}
