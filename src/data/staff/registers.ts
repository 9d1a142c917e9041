import { waitingListOrder } from '../booking/waiting-list-order.js'
import { and, asc, desc, eq, gte, inArray, isNull, lt, notExists, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { attendance, bookings, children, courses, families, hubs, programmes, sessionFacilitators, sessions, type AttendanceStatus } from '../../db/schema/index.js'

/** Sessions, registers and attendance, as facilitators and managers see them. */
export class Registers {
  constructor(private readonly db: Executor) {}

  /** A session with its course, programme, hub and facilitators; undefined if there is none. */
  async session(sessionId: number) {
    const [row] = await this.db
      .select({
        session: sessions,
        course: courses,
        programmeTitle: programmes.title,
        ages: { audience: programmes.audience, childAgeFromMonths: programmes.childAgeFromMonths, childAgeToMonths: programmes.childAgeToMonths },
        hub: hubs,
      })
      .from(sessions)
      .innerJoin(courses, eq(sessions.courseId, courses.id))
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .leftJoin(hubs, eq(hubs.id, sql`coalesce(${sessions.hubId}, ${courses.hubId})`))
      .where(eq(sessions.id, sessionId))
    if (!row) return undefined
    const facilitators = await this.db.select({ staffUserId: sessionFacilitators.staffUserId }).from(sessionFacilitators).where(eq(sessionFacilitators.sessionId, sessionId))
    const number = await this.db
      .select({ id: sessions.id, startsAt: sessions.startsAt, cancelledAt: sessions.cancelledAt })
      .from(sessions).where(eq(sessions.courseId, row.course.id)).orderBy(asc(sessions.startsAt))
    return {
      ...row,
      facilitatorIds: facilitators.map((f) => f.staffUserId),
      sessionNumber: number.findIndex((s) => s.id === sessionId) + 1,
      sessionCount: number.length,
      /** The course's first session still on: a child's age range is checked on its day. */
      firstStartsAt: number.find((s) => !s.cancelledAt)?.startsAt ?? null,
    }
  }

  /** Sessions this member of staff runs: from a given instant on, soonest first. */
  async sessionsRunBy(staffUserId: number, from: Date, limit = 100) {
    return this.sessionList(and(eq(sessionFacilitators.staffUserId, staffUserId), gte(sessions.endsAt, from), isNull(sessions.cancelledAt)), 'asc', limit)
  }

  /**
   * Past sessions they run where someone holding a place has no attendance recorded: the to-do
   * list. Limited to the last 90 days so an old gap does not nag for ever.
   */
  async attendanceToDo(staffUserId: number, now: Date) {
    const since = new Date(now.getTime() - 90 * 24 * 3600_000)
    const unrecorded = this.db
      .select({ one: sql`1` })
      .from(bookings)
      .where(
        and(
          eq(bookings.courseId, sessions.courseId),
          eq(bookings.status, 'confirmed'),
          notExists(this.db.select({ one: sql`1` }).from(attendance).where(and(eq(attendance.bookingId, bookings.id), eq(attendance.sessionId, sessions.id)))),
        ),
      )
    return this.sessionList(
      and(eq(sessionFacilitators.staffUserId, staffUserId), lt(sessions.endsAt, now), gte(sessions.startsAt, since), isNull(sessions.cancelledAt), sql`exists (${unrecorded})`),
      'desc',
      100,
    )
  }

  private sessionList(where: ReturnType<typeof and>, order: 'asc' | 'desc', limit: number) {
    return this.db
      .select({ session: sessions, course: courses, programmeTitle: programmes.title, hubName: hubs.name })
      .from(sessionFacilitators)
      .innerJoin(sessions, eq(sessionFacilitators.sessionId, sessions.id))
      .innerJoin(courses, eq(sessions.courseId, courses.id))
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .leftJoin(hubs, eq(hubs.id, sql`coalesce(${sessions.hubId}, ${courses.hubId})`))
      .where(where)
      .orderBy(order === 'asc' ? asc(sessions.startsAt) : desc(sessions.startsAt))
      .limit(limit)
  }

  /** Families holding a place on the session's course, with children and this session's attendance. */
  async attendees(sessionId: number, courseId: number) {
    const rows = await this.db
      .select({ booking: bookings, family: families, attendance: attendance.status })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .leftJoin(attendance, and(eq(attendance.bookingId, bookings.id), eq(attendance.sessionId, sessionId)))
      .where(and(eq(bookings.courseId, courseId), eq(bookings.status, 'confirmed')))
      .orderBy(asc(families.parentName), asc(bookings.id))
    return this.withChildren(rows)
  }

  /** Offers open and the queue, in the order places are offered (priority, then time joined). */
  async waitingList(courseId: number) {
    const rows = await this.db
      .select({ booking: bookings, family: families })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(eq(bookings.courseId, courseId), inArray(bookings.status, ['offered', 'waiting'])))
      .orderBy(sql`${bookings.status} = 'waiting'`, ...waitingListOrder())
    return this.withChildren(rows)
  }

  async attendanceOf(tx: Tx, sessionId: number, bookingIds: readonly number[]) {
    if (bookingIds.length === 0) return []
    return tx.select().from(attendance).where(and(eq(attendance.sessionId, sessionId), inArray(attendance.bookingId, [...bookingIds])))
  }

  async recordAttendance(tx: Tx, sessionId: number, bookingId: number, status: AttendanceStatus, recordedBy: number, now: Date) {
    await tx
      .insert(attendance)
      .values({ sessionId, bookingId, status, recordedBy, recordedAt: now })
      .onConflictDoUpdate({ target: [attendance.bookingId, attendance.sessionId], set: { status, recordedBy, recordedAt: now } })
  }

  private async withChildren<T extends { family: { id: number } }>(rows: T[]) {
    const ids = [...new Set(rows.map((row) => row.family.id))]
    const kids = ids.length === 0 ? [] : await this.db.select().from(children).where(inArray(children.familyId, ids)).orderBy(asc(children.id))
    return rows.map((row) => ({ ...row, children: kids.filter((kid) => kid.familyId === row.family.id) }))
  }
}
