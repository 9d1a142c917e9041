import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/database.js'
import type { BookingRow } from '../../data/booking-repository.js'
import type { CourseListFilter, CourseLists } from '../../data/staff/course-lists.js'
import { insertResend } from '../../data/staff/resend-messages.js'
import type { BookingService } from '../booking/booking-service.js'
import type { ChildInput, NewFamily } from '../booking/booking-types.js'
import type { BookingNotifier } from '../notifications/booking-notifier.js'
import type { AuditService } from './audit-service.js'
import type { StaffPrincipal } from './policy.js'

/**
 * Reception (and managers) acting on bookings for a family. Capacity, the waiting list and offers
 * are the booking service's alone: this only calls it, then records who did what.
 *
 * The booking service runs each change in its own transaction and offers no hook into it, so the
 * audit entry is written straight after the change commits, in a transaction of its own.
 */
export class StaffBookingService {
  constructor(
    private readonly db: Db,
    private readonly bookingService: () => BookingService | undefined,
    private readonly notifier: Pick<BookingNotifier, 'afterCommit'>,
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
  async book(actor: StaffPrincipal, familyId: number, courseId: number, options: { overbookReason?: string; requestKey?: string } = {}) {
    const result = await this.booking.book({
      courseId,
      family: { familyId },
      source: 'reception',
      staffUserId: actor.id,
      ...(options.overbookReason ? { overbookReason: options.overbookReason } : {}),
      ...(options.requestKey ? { requestKey: options.requestKey } : {}),
    })
    if (result.outcome === 'confirmed' || result.outcome === 'waiting') await this.recordCreated(actor, result.booking, 'reception')
    return result
  }

  async joinWaitingList(actor: StaffPrincipal, familyId: number, courseId: number, options: { requestKey?: string } = {}) {
    const result = await this.booking.joinWaitingList({
      courseId,
      family: { familyId },
      source: 'reception',
      staffUserId: actor.id,
      ...(options.requestKey ? { requestKey: options.requestKey } : {}),
    })
    if (result.outcome === 'confirmed' || result.outcome === 'waiting') await this.recordCreated(actor, result.booking, 'reception')
    return result
  }

  /** A family at a drop-in without a booking: a place if there is space (the facilitator's walk-in). */
  async walkIn(actor: StaffPrincipal, family: NewFamily, courseId: number, children: ChildInput[] = []) {
    const result = await this.booking.book({ courseId, family, children, source: 'walk_in', staffUserId: actor.id })
    if (result.outcome === 'confirmed') await this.recordCreated(actor, result.booking, 'walk_in')
    return result
  }

  async cancel(actor: StaffPrincipal, bookingId: number, reason: string | null) {
    const before = await this.booking.findById(bookingId)
    const result = await this.booking.cancel(bookingId, { reason, staffUserId: actor.id })
    if (result.outcome === 'cancelled' && before) await this.recordChange(actor, 'booking.cancelled', before, result.booking, { reason })
    return result
  }

  async leaveWaitingList(actor: StaffPrincipal, bookingId: number) {
    const before = await this.booking.findById(bookingId)
    const result = await this.booking.leaveWaitingList(bookingId)
    if (result.outcome === 'left' && before) await this.recordChange(actor, 'booking.left_waiting_list', before, result.booking)
    return result
  }

  async promote(actor: StaffPrincipal, bookingId: number, overbookReason?: string) {
    const before = await this.booking.findById(bookingId)
    const result = await this.booking.promoteFromWaitingList(bookingId, { staffUserId: actor.id, ...(overbookReason ? { overbookReason } : {}) })
    if (result.outcome === 'confirmed' && before) await this.recordChange(actor, 'booking.promoted', before, result.booking)
    return result
  }

  /**
   * Moves a family to another course or drop-in: a place there first (the booking service's
   * rules), and only then the old booking is cancelled, so a family is never left with neither.
   */
  async change(actor: StaffPrincipal, bookingId: number, toCourseId: number, overbookReason?: string) {
    const old = await this.booking.findById(bookingId)
    if (!old) return { outcome: 'no_such_booking' as const }
    if (old.courseId === toCourseId) return { outcome: 'same_course' as const }
    const result = await this.booking.book({
      courseId: toCourseId,
      family: { familyId: old.familyId },
      source: 'reception',
      staffUserId: actor.id,
      ...(overbookReason ? { overbookReason } : {}),
    })
    if (result.outcome !== 'confirmed') return result
    const cancelled = old.status === 'waiting' ? await this.booking.leaveWaitingList(old.id) : await this.booking.cancel(old.id, { reason: `Moved to ${result.booking.reference}`, staffUserId: actor.id })
    await this.db.transaction(async (tx) => {
      await this.audit.record(tx, actor, {
        action: 'booking.changed',
        entityType: 'booking',
        entityId: old.id,
        familyId: old.familyId,
        before: { bookingId: old.id, reference: old.reference, courseId: old.courseId, status: old.status },
        after: { bookingId: result.booking.id, reference: result.booking.reference, courseId: toCourseId, status: result.booking.status, oldStatus: 'booking' in cancelled ? cancelled.booking.status : old.status, ...(overbookReason ? { overbookReason } : {}) },
      })
    })
    return result
  }

  /** The confirmation (or waiting-list message) again, on the channels the family agreed to. */
  async resend(actor: StaffPrincipal, bookingId: number): Promise<number> {
    const booking = await this.booking.findById(bookingId)
    if (!booking) return 0
    const kind = booking.status === 'waiting' ? 'waitlist_joined' : booking.status === 'confirmed' ? 'booking_confirmed' : undefined
    if (!kind) return 0
    const sent = await this.db.transaction(async (tx) => {
      const count = await insertResend(tx, kind, bookingId, randomUUID())
      await this.audit.record(tx, actor, { action: 'booking.message_resent', entityType: 'booking', entityId: bookingId, familyId: booking.familyId, after: { kind, messages: count } })
      return count
    })
    await this.notifier.afterCommit()
    return sent
  }

  private get booking(): BookingService {
    const service = this.bookingService()
    if (!service) throw new Error('The booking service is not registered (services.booking)')
    return service
  }

  private async recordCreated(actor: StaffPrincipal, booking: BookingRow, source: string) {
    await this.db.transaction((tx) =>
      this.audit.record(tx, actor, {
        action: booking.status === 'waiting' ? 'booking.waiting_list_joined' : 'booking.created',
        entityType: 'booking',
        entityId: booking.id,
        familyId: booking.familyId,
        after: { reference: booking.reference, courseId: booking.courseId, status: booking.status, source, overbooked: booking.overbooked, overbookReason: booking.overbookReason },
      }),
    )
  }

  private async recordChange(actor: StaffPrincipal, action: string, before: BookingRow, after: BookingRow, extra: Record<string, unknown> = {}) {
    await this.db.transaction((tx) =>
      this.audit.record(tx, actor, {
        action,
        entityType: 'booking',
        entityId: before.id,
        familyId: before.familyId,
        before: { status: before.status, overbooked: before.overbooked },
        after: { status: after.status, overbooked: after.overbooked, overbookReason: after.overbookReason, ...extra },
      }),
    )
  }
}
