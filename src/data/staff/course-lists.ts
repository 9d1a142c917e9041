import { and, asc, count, eq, gt, ilike, inArray, isNull, max, min, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookings, courses, hubs, programmes, sessions } from '../../db/schema/index.js'

export interface CourseListFilter {
  /** Only these hubs (a hub manager's); undefined for every hub. */
  hubIds?: readonly number[] | undefined
  hubId?: number | undefined
  /** Part of the programme's title. */
  text?: string | undefined
  /** Only courses whose last session has not ended. */
  current?: boolean
}

/** Courses and drop-ins with their numbers, for staff lists: the course picker and the managers' list. */
export class CourseLists {
  constructor(private readonly db: Executor) {}

  async list(filter: CourseListFilter, now = new Date(), limit = 200) {
    const span = this.db
      .select({
        courseId: sessions.courseId,
        firstStartsAt: min(sessions.startsAt).as('first_starts_at'),
        lastEndsAt: max(sessions.endsAt).as('last_ends_at'),
        sessionCount: count(sessions.id).as('session_count'),
      })
      .from(sessions)
      .where(isNull(sessions.cancelledAt))
      .groupBy(sessions.courseId)
      .as('span')
    const waiting = this.db
      .select({ courseId: bookings.courseId, waiting: count(bookings.id).as('waiting') })
      .from(bookings)
      .where(eq(bookings.status, 'waiting'))
      .groupBy(bookings.courseId)
      .as('waiting')
    const conditions: SQL[] = []
    if (filter.hubIds) conditions.push(filter.hubIds.length > 0 ? inArray(courses.hubId, [...filter.hubIds]) : sql`false`)
    if (filter.hubId !== undefined) conditions.push(eq(courses.hubId, filter.hubId))
    if (filter.text) conditions.push(ilike(programmes.title, `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    if (filter.current) conditions.push(gt(span.lastEndsAt, now))
    const rows = await this.db
      .select({
        course: courses,
        programme: { id: programmes.id, title: programmes.title, bookingMode: programmes.bookingMode },
        hubName: hubs.name,
        firstStartsAt: span.firstStartsAt,
        lastEndsAt: span.lastEndsAt,
        sessionCount: span.sessionCount,
        waiting: waiting.waiting,
      })
      .from(courses)
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .leftJoin(hubs, eq(courses.hubId, hubs.id))
      .leftJoin(span, eq(span.courseId, courses.id))
      .leftJoin(waiting, eq(waiting.courseId, courses.id))
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(asc(span.firstStartsAt), asc(courses.id))
      .limit(limit)
    return rows.map((row) => ({
      ...row,
      firstStartsAt: row.firstStartsAt ? new Date(row.firstStartsAt) : null,
      lastEndsAt: row.lastEndsAt ? new Date(row.lastEndsAt) : null,
      sessionCount: Number(row.sessionCount ?? 0),
      waiting: Number(row.waiting ?? 0),
      placesLeft: Math.max(0, row.course.capacity - row.course.placesTaken),
    }))
  }
}

