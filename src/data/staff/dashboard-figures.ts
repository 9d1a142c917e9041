import { and, count, eq, gte, inArray, isNull, lt, max, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { attendance, bookings, courses, hubs, programmes, sessions } from '../../db/schema/index.js'
import { waitsForRun } from '../booking/programme-queue-repository.js'

export interface DashboardRow {
  programmeId: number
  programmeTitle: string
  hubId: number | null
  hubName: string | null
  attended: number
  didNotAttend: number
  cancelledLate: number
  waiting: number
  currentCourses: number
  fullCourses: number
}

/** A run starting soon with places nobody holds while families wait for it. */
export interface EmptyPlacesRow {
  courseId: number
  kind: 'course' | 'drop_in'
  programmeTitle: string
  hubId: number | null
  hubName: string | null
  startsAt: Date
  freePlaces: number
  waiting: number
  /** When the open offer running on it closes, if one is. */
  openOfferClosesAt: Date | null
}

/** Attendance, no-shows and demand per programme and hub, for managers. */
export class DashboardFigures {
  constructor(private readonly db: Executor) {}

  async rows(options: { hubIds?: readonly number[] | undefined; since: Date; now: Date }): Promise<DashboardRow[]> {
    const scope: SQL[] = []
    if (options.hubIds) scope.push(options.hubIds.length > 0 ? inArray(courses.hubId, [...options.hubIds]) : sql`false`)
    const attendanceRows = await this.db
      .select({ programmeId: courses.programmeId, hubId: courses.hubId, status: attendance.status, n: count() })
      .from(attendance)
      .innerJoin(sessions, eq(attendance.sessionId, sessions.id))
      .innerJoin(courses, eq(sessions.courseId, courses.id))
      .where(and(gte(sessions.startsAt, options.since), lt(sessions.startsAt, options.now), ...scope))
      .groupBy(courses.programmeId, courses.hubId, attendance.status)
    const lastEnd = this.db.select({ courseId: sessions.courseId, lastEndsAt: max(sessions.endsAt).as('last_ends_at') }).from(sessions).where(isNull(sessions.cancelledAt)).groupBy(sessions.courseId).as('last_end')
    const waitingCount = this.db.select({ courseId: bookings.courseId, waiting: count().as('waiting') }).from(bookings).where(eq(bookings.status, 'waiting')).groupBy(bookings.courseId).as('waiting_count')
    const demandRows = await this.db
      .select({
        programmeId: courses.programmeId,
        hubId: courses.hubId,
        currentCourses: count(),
        fullCourses: sql<number>`count(*) filter (where ${courses.placesTaken} >= ${courses.capacity})`.mapWith(Number),
        waiting: sql<number>`coalesce(sum(${waitingCount.waiting}), 0)`.mapWith(Number),
      })
      .from(courses)
      .innerJoin(lastEnd, eq(lastEnd.courseId, courses.id))
      .leftJoin(waitingCount, eq(waitingCount.courseId, courses.id))
      .where(and(isNull(courses.cancelledAt), sql`${lastEnd.lastEndsAt} > ${options.now}`, ...scope))
      .groupBy(courses.programmeId, courses.hubId)
    const names = await this.db.select({ id: programmes.id, title: programmes.title }).from(programmes)
    const hubNames = await this.db.select({ id: hubs.id, name: hubs.name }).from(hubs)
    const rows = new Map<string, DashboardRow>()
    const rowFor = (programmeId: number, hubId: number | null) => {
      const key = `${programmeId}:${hubId}`
      let row = rows.get(key)
      if (!row) {
        row = {
          programmeId,
          programmeTitle: names.find((p) => p.id === programmeId)?.title ?? '',
          hubId,
          hubName: hubNames.find((h) => h.id === hubId)?.name ?? null,
          attended: 0,
          didNotAttend: 0,
          cancelledLate: 0,
          waiting: 0,
          currentCourses: 0,
          fullCourses: 0,
        }
        rows.set(key, row)
      }
      return row
    }
    for (const a of attendanceRows) {
      const row = rowFor(a.programmeId, a.hubId)
      if (a.status === 'attended') row.attended += Number(a.n)
      else if (a.status === 'did_not_attend') row.didNotAttend += Number(a.n)
      else row.cancelledLate += Number(a.n)
    }
    for (const d of demandRows) Object.assign(rowFor(d.programmeId, d.hubId), { currentCourses: Number(d.currentCourses), fullCourses: d.fullCourses, waiting: d.waiting })
    return [...rows.values()].sort((a, b) => a.programmeTitle.localeCompare(b.programmeTitle) || (a.hubName ?? '').localeCompare(b.hubName ?? ''))
  }

  /**
   * Runs whose first session (not cancelled) starts within the window, open for booking, with
   * free places and families waiting for that run, soonest first. "Waiting" is every family an
   * open offer on the run would reach (waitsForRun): its own queue and the families queued on
   * another run of the programme who named it or said any run.
   */
  async emptyPlaces(options: { hubIds?: readonly number[] | undefined; now: Date; until: Date }): Promise<EmptyPlacesRow[]> {
    const scope = options.hubIds ? (options.hubIds.length > 0 ? sql`and c.hub_id in (${sql.join([...options.hubIds], sql`, `)})` : sql`and false`) : sql``
    const result = await this.db.execute<{
      course_id: number
      kind: 'course' | 'drop_in'
      programme_title: string
      hub_id: number | null
      hub_name: string | null
      starts_at: Date | string
      free_places: number
      waiting: number
      open_offer_closes_at: Date | string | null
    }>(sql`
      select c.id as course_id, c.kind, p.title as programme_title, c.hub_id, h.name as hub_name, s.starts_at,
             (c.capacity - c.places_taken)::int as free_places,
             w.waiting,
             (select o.closes_at from open_offers o where o.course_id = c.id and o.closed_at is null) as open_offer_closes_at
        from courses c
        join programmes p on p.id = c.programme_id
        left join hubs h on h.id = c.hub_id
        join lateral (select min(starts_at) as starts_at from sessions where course_id = c.id and cancelled_at is null) s on true
        join lateral (select count(*)::int as waiting from bookings where ${waitsForRun(sql`c.id`)}) w on true
       where c.booking_open and c.cancelled_at is null and c.places_taken < c.capacity
         and s.starts_at > ${options.now} and s.starts_at <= ${options.until}
         and w.waiting > 0
         ${scope}
       order by s.starts_at, c.id
       limit 100`)
    return result.rows.map((row) => ({
      courseId: Number(row.course_id),
      kind: row.kind,
      programmeTitle: row.programme_title,
      hubId: row.hub_id === null ? null : Number(row.hub_id),
      hubName: row.hub_name,
      startsAt: new Date(row.starts_at),
      freePlaces: Number(row.free_places),
      waiting: Number(row.waiting),
      openOfferClosesAt: row.open_offer_closes_at === null ? null : new Date(row.open_offer_closes_at),
    }))
  }
}
