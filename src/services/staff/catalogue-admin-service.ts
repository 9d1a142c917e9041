import type { Tx } from '../../db/database.js'
import { lockCourse } from '../../data/course-lock.js'
import type { CatalogueAdmin, NewHub, NewProgramme } from '../../data/staff/catalogue-admin.js'
import type { CourseListFilter, CourseLists } from '../../data/staff/course-lists.js'
import type { BookingService } from '../booking/booking-service.js'
import type { BookingNotifier } from '../notifications/booking-notifier.js'
import { londonTime } from '../../time.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { AuditService } from './audit-service.js'
import type { StaffPrincipal } from './policy.js'
import { weeklySessions, type WeeklyRepeat } from './weekly-sessions.js'

export interface NewCourse {
  programmeId: number
  hubId: number | null
  kind: 'course' | 'drop_in'
  capacity: number
  room: string | null
  repeat: WeeklyRepeat
}

export type Refusal = { ok: false; message: string }

/**
 * Managers running the catalogue. Places and the waiting list stay the booking service's: raising
 * a capacity (or reopening booking) asks it to offer the new places, in the same transaction.
 * Moving or cancelling a session records the families' messages in the same transaction too.
 */
export class StaffCatalogueService {
  constructor(
    /** Every write: one transaction, retried when worth it, its jobs queued after commit. */
    private readonly unitOfWork: UnitOfWork,
    private readonly admin: CatalogueAdmin,
    private readonly courseLists: CourseLists,
    private readonly booking: () => BookingService,
    private readonly notifier: BookingNotifier,
    private readonly audit: AuditService,
  ) {}

  hubs(user: StaffPrincipal) {
    return this.admin.hubs(user.role === 'admin' ? undefined : user.hubIds)
  }

  allHubs() {
    return this.admin.hubs()
  }

  hub(id: number) {
    return this.admin.hub(id)
  }

  slugTaken(table: 'hubs' | 'programmes', slug: string, exceptId?: number) {
    return this.admin.slugTaken(table, slug, exceptId)
  }

  async saveHub(actor: StaffPrincipal, id: number | undefined, values: NewHub): Promise<number> {
    return this.unitOfWork.run(async (tx) => {
      const before = id === undefined ? undefined : await this.admin.hub(id)
      const hubId = id === undefined ? (await this.admin.insertHub(tx, values)).id : id
      if (id !== undefined) await this.admin.updateHub(tx, id, values)
      await this.audit.record(tx, actor, {
        action: id === undefined ? 'hub.created' : 'hub.changed',
        entityType: 'hub',
        entityId: hubId,
        before: before ?? null,
        after: { ...values },
      })
      return hubId
    })
  }

  programmes() {
    return this.admin.programmes()
  }

  programme(id: number) {
    return this.admin.programme(id)
  }

  async saveProgramme(actor: StaffPrincipal, id: number | undefined, values: NewProgramme): Promise<number> {
    return this.unitOfWork.run(async (tx) => {
      const before = id === undefined ? undefined : await this.admin.programme(id)
      const programmeId = id === undefined ? (await this.admin.insertProgramme(tx, values)).id : id
      if (id !== undefined) await this.admin.updateProgramme(tx, id, values)
      await this.audit.record(tx, actor, {
        action: id === undefined ? 'programme.created' : 'programme.changed',
        entityType: 'programme',
        entityId: programmeId,
        before: before ?? null,
        after: { ...values },
      })
      return programmeId
    })
  }

  courses(filter: CourseListFilter) {
    return this.courseLists.list(filter)
  }

  course(id: number) {
    return this.admin.course(id)
  }

  facilitatorChoices() {
    return this.admin.facilitatorChoices()
  }

  async createCourse(actor: StaffPrincipal, input: NewCourse, now = new Date()): Promise<number> {
    const times = weeklySessions(input.repeat)
    return this.unitOfWork.run(async (tx, effects) => {
      const course = await this.admin.insertCourse(
        tx,
        { programmeId: input.programmeId, hubId: input.hubId, kind: input.kind, capacity: input.capacity },
        times,
        input.room,
      )
      await this.audit.record(tx, actor, {
        action: input.kind === 'drop_in' ? 'drop_in.created' : 'course.created',
        entityType: 'course',
        entityId: course.id,
        after: { ...input, sessions: times.map((t) => t.startsAt.toISOString()) },
      })
      // Families waiting for any run of the programme are offered its places; new-dates subscribers are told.
      await this.booking().newRunAdded(tx, effects, course.id, now)
      return course.id
    })
  }

  /**
   * A new capacity. Lower than the places already taken is refused (the database's CHECK would
   * refuse it too); higher offers the new places to the waiting list at once.
   */
  async setCapacity(actor: StaffPrincipal, courseId: number, capacity: number, now = new Date()): Promise<{ ok: true } | Refusal> {
    return this.unitOfWork.run(async (tx, effects) => {
      const course = (await lockCourse(tx, courseId))?.course
      if (!course) return { ok: false as const, message: 'No such course' }
      if (capacity + course.overbookedPlaces < course.placesTaken) {
        return {
          ok: false as const,
          message: `The capacity cannot be lower than the ${course.placesTaken} places already taken. Cancel or move bookings first.`,
        }
      }
      await this.admin.updateCourse(tx, courseId, { capacity })
      const offers = capacity > course.capacity ? await this.booking().offerFreedPlaces(tx, effects, courseId, now) : []
      await this.audit.record(tx, actor, {
        action: 'course.capacity_changed',
        entityType: 'course',
        entityId: courseId,
        before: { capacity: course.capacity },
        after: { capacity, offersMade: offers.length },
      })
      return { ok: true as const }
    })
  }

  /** Closing stops new bookings (online and reception); reopening offers any free places to the queue. */
  async setBookingOpen(actor: StaffPrincipal, courseId: number, open: boolean, now = new Date()): Promise<void> {
    await this.unitOfWork.run(async (tx, effects) => {
      const course = (await lockCourse(tx, courseId))?.course
      if (!course || course.bookingOpen === open) return
      await this.admin.updateCourse(tx, courseId, { bookingOpen: open })
      if (open) await this.booking().offerFreedPlaces(tx, effects, courseId, now)
      await this.audit.record(tx, actor, {
        action: open ? 'course.booking_opened' : 'course.booking_closed',
        entityType: 'course',
        entityId: courseId,
        before: { bookingOpen: course.bookingOpen },
        after: { bookingOpen: open },
      })
    })
  }

  /** Facilitators for one session, or (sessionId undefined) every session of the course. */
  async setFacilitators(
    actor: StaffPrincipal,
    courseId: number,
    sessionIds: readonly number[],
    staffUserIds: readonly number[],
  ): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.admin.setFacilitators(tx, sessionIds, staffUserIds)
      await this.audit.record(tx, actor, {
        action: 'sessions.facilitators_set',
        entityType: 'course',
        entityId: courseId,
        after: { sessionIds, staffUserIds },
      })
    })
  }

  /** Cancels a session and tells every booked family (and, for a cancellation, the waiting list). */
  async cancelSession(actor: StaffPrincipal, sessionId: number, now = new Date()): Promise<{ ok: true } | Refusal> {
    return this.unitOfWork.run(async (tx, effects) => {
      const session = await this.lockSessionAndCourse(tx, sessionId)
      if (!session) return { ok: false as const, message: 'No such session' }
      if (session.cancelledAt) return { ok: false as const, message: 'This session is already cancelled' }
      await this.admin.updateSession(tx, sessionId, { cancelledAt: now })
      // A course or drop-in with no session left is cancelled as a whole: nothing can be booked.
      if ((await this.admin.liveSessionCount(tx, session.courseId)) === 0)
        await this.admin.updateCourse(tx, session.courseId, { cancelledAt: now })
      await this.notifier.recordSessionChange(tx, 'session_cancelled', sessionId)
      effects.notificationsWritten()
      await this.audit.record(tx, actor, {
        action: 'session.cancelled',
        entityType: 'session',
        entityId: sessionId,
        before: { cancelledAt: null },
        after: { cancelledAt: now },
      })
      return { ok: true as const }
    })
  }

  /** A new London date and time (and room) for a session; booked families get the update. */
  async moveSession(
    actor: StaffPrincipal,
    sessionId: number,
    to: { date: string; startTime: string; endTime: string; room: string | null },
    now = new Date(),
  ): Promise<{ ok: true } | Refusal> {
    const startsAt = londonTime(to.date, to.startTime)
    const endsAt = londonTime(to.date, to.endTime)
    if (endsAt <= startsAt) return { ok: false, message: 'The end time must be after the start time' }
    if (startsAt <= now) return { ok: false, message: 'The new time must be in the future' }
    return this.unitOfWork.run(async (tx, effects) => {
      const session = await this.lockSessionAndCourse(tx, sessionId)
      if (!session) return { ok: false as const, message: 'No such session' }
      if (session.cancelledAt) return { ok: false as const, message: 'A cancelled session cannot be moved' }
      await this.admin.updateSession(tx, sessionId, { startsAt, endsAt, room: to.room })
      await this.notifier.recordSessionChange(tx, 'session_moved', sessionId)
      effects.notificationsWritten()
      await this.audit.record(tx, actor, {
        action: 'session.moved',
        entityType: 'session',
        entityId: sessionId,
        before: { startsAt: session.startsAt, endsAt: session.endsAt, room: session.room },
        after: { startsAt, endsAt, room: to.room },
      })
      return { ok: true as const }
    })
  }

  /** The course row first, then the session: the lock order the booking service uses (course first). */
  private async lockSessionAndCourse(tx: Tx, sessionId: number) {
    const peek = await this.admin.sessionById(tx, sessionId)
    if (!peek) return undefined
    await lockCourse(tx, peek.courseId)
    return this.admin.lockSession(tx, sessionId)
  }
}
