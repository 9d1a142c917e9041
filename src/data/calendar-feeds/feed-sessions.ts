import { and, asc, count, eq, gt, inArray, isNotNull, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookings, courses, hubs, programmes, sessionFacilitators, sessions } from '../../db/schema/index.js'
import type { HubRow, SessionRow } from '../notifications/message-context-repository.js'

/** A session as a staff feed shows it: where, which of the course's sessions, and how full. */
export interface StaffFeedSession {
  session: SessionRow
  course: typeof courses.$inferSelect
  programmeTitle: string
  /** The session's own hub when it moved, else its course's; null online. */
  hub: HubRow | null
  /** 1-based place among the course's sessions, and how many it has. */
  number: number
  of: number
  booked: number
  waiting: number
}

/** Which sessions a staff feed lists: the ones a member of staff runs, or every one at a hub. */
export type StaffFeedFilter = { staffUserId: number } | { hubId: number }

/** The reads behind the calendar feeds. The service decides what to show; these only fetch. */
export class FeedSessionRepository {
  /**
   * A family record's bookings that belong in its feed: places held now, and places given up
   * (cancelled after being confirmed) since `cancelledSince`, so subscribed calendars see the
   * cancellation before the event drops out of the feed.
   */
  async familyBookingIds(db: Executor, familyId: number, cancelledSince: Date): Promise<number[]> {
    const rows = await db
      .select({ id: bookings.id })
      .from(bookings)
      .where(
        and(
          eq(bookings.familyId, familyId),
          or(
            eq(bookings.status, 'confirmed'),
            and(eq(bookings.status, 'cancelled'), isNotNull(bookings.confirmedAt), gt(bookings.endedAt, cancelledSince)),
          ),
        ),
      )
      .orderBy(asc(bookings.id))
    return rows.map((row) => row.id)
  }

  /** Hubs by name: every hub, or these. */
  async hubs(db: Executor, hubIds: readonly number[] | 'all'): Promise<{ id: number; name: string }[]> {
    if (hubIds !== 'all' && hubIds.length === 0) return []
    const query = db.select({ id: hubs.id, name: hubs.name }).from(hubs)
    return (hubIds === 'all' ? query : query.where(inArray(hubs.id, [...hubIds]))).orderBy(asc(hubs.name))
  }

  /** Sessions ending after `endedSince`, for a member of staff or a hub, in time order. */
  async staffSessions(db: Executor, filter: StaffFeedFilter, endedSince: Date): Promise<StaffFeedSession[]> {
    const which =
      'hubId' in filter
        ? sql`coalesce(${sessions.hubId}, ${courses.hubId}) = ${filter.hubId}`
        : inArray(sessions.id, db.select({ id: sessionFacilitators.sessionId }).from(sessionFacilitators).where(eq(sessionFacilitators.staffUserId, filter.staffUserId)))
    const rows = await db
      .select({ session: sessions, course: courses, programmeTitle: programmes.title })
      .from(sessions)
      .innerJoin(courses, eq(sessions.courseId, courses.id))
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .where(and(which, gt(sessions.endsAt, endedSince)))
      .orderBy(asc(sessions.startsAt), asc(sessions.id))
    if (rows.length === 0) return []
    const courseIds = [...new Set(rows.map((row) => row.course.id))]
    const hubIds = [...new Set(rows.flatMap((row) => [row.session.hubId, row.course.hubId]).filter((id): id is number => id !== null))]
    const [siblings, hubRows, counts] = await Promise.all([
      db.select({ id: sessions.id, courseId: sessions.courseId }).from(sessions).where(inArray(sessions.courseId, courseIds)).orderBy(asc(sessions.startsAt), asc(sessions.id)),
      hubIds.length > 0 ? db.select().from(hubs).where(inArray(hubs.id, hubIds)) : Promise.resolve([]),
      db
        .select({ courseId: bookings.courseId, status: bookings.status, n: count() })
        .from(bookings)
        .where(and(inArray(bookings.courseId, courseIds), inArray(bookings.status, ['confirmed', 'waiting', 'offered'])))
        .groupBy(bookings.courseId, bookings.status),
    ])
    const hubById = new Map(hubRows.map((hub) => [hub.id, hub]))
    const countOf = (courseId: number, statuses: string[]) =>
      counts.filter((c) => c.courseId === courseId && statuses.includes(c.status)).reduce((sum, c) => sum + Number(c.n), 0)
    return rows.map((row) => {
      const inCourse = siblings.filter((s) => s.courseId === row.course.id)
      const hubId = row.session.hubId ?? row.course.hubId
      return {
        ...row,
        hub: hubId === null ? null : (hubById.get(hubId) ?? null),
        number: inCourse.findIndex((s) => s.id === row.session.id) + 1,
        of: inCourse.length,
        booked: countOf(row.course.id, ['confirmed']),
        // An open offer is still a family waiting to hear: counted with the queue.
        waiting: countOf(row.course.id, ['waiting', 'offered']),
      }
    })
  }
}
