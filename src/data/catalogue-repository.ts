import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../db/database.js'
import { courses, hubs, programmes, sessions } from '../db/schema/index.js'
import type { CatalogueFilters } from '../domain/catalogue-filters.js'
import { filterConditions, searchRank, sessionTimeConditions } from './catalogue/listing-conditions.js'

export type Hub = typeof hubs.$inferSelect
export type Programme = typeof programmes.$inferSelect
export type Course = typeof courses.$inferSelect
export type Session = typeof sessions.$inferSelect

/** A session with the hub it meets at when that is not its course's hub. */
export type SessionWithHub = Session & { movedTo: Pick<Hub, 'id' | 'slug' | 'name'> | null }

/** One session of a listed course, for "What's on by day". */
export interface DaySessionRow {
  courseId: number
  startsAt: Date
  endsAt: Date
  title: string
  hubName: string | null
}

export interface ListingRow {
  course: Course
  programme: Programme
  hub: Hub | null
  nextStartsAt: Date
}

/** Read side of the catalogue: hubs, programmes, courses (and drop-ins) and their sessions. */
export class CatalogueRepository {
  constructor(private readonly db: Db) {}

  /** How many courses and drop-ins match: the result count and the number of pages. */
  async countListings(filters: CatalogueFilters, now: Date): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(courses)
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .where(and(...filterConditions(filters, now)))
    return row?.count ?? 0
  }

  /** One page of matching courses and drop-ins: best match to the search words first, then soonest next session. */
  async findListings(filters: CatalogueFilters, now: Date, page: { limit: number; offset: number }): Promise<ListingRow[]> {
    const nextStartsAt = sql<Date>`(select min(s.starts_at) from sessions s
      where s.course_id = ${courses.id} and s.cancelled_at is null and s.starts_at > ${now})`
    const rank = searchRank(filters)
    const rows = await this.db
      .select({ course: courses, programme: programmes, hub: hubs, nextStartsAt })
      .from(courses)
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .leftJoin(hubs, eq(courses.hubId, hubs.id))
      .where(and(...filterConditions(filters, now)))
      .orderBy(...(rank ? [sql`${rank} desc`] : []), nextStartsAt, asc(courses.id))
      .limit(page.limit)
      .offset(page.offset)
    // A raw sql<Date> column arrives as the driver gives it; make sure it is a Date.
    return rows.map((row) => ({ ...row, nextStartsAt: new Date(row.nextStartsAt) }))
  }

  /**
   * The sessions still to come of the courses the filters match, in time order (at most `limit`), in
   * one query: the "What's on by day" view. A session must itself be in the date range, day and time
   * asked for. A session moved to another hub names that hub.
   */
  async findSessionsByDay(filters: CatalogueFilters, now: Date, limit: number): Promise<DaySessionRow[]> {
    const own = sessionTimeConditions(filters, sql`${sessions.startsAt}`)
    const sessionHub = sql<string | null>`(select h.name from hubs h where h.id = coalesce(${sessions.hubId}, ${courses.hubId}))`
    const rows = await this.db
      .select({ courseId: courses.id, startsAt: sessions.startsAt, endsAt: sessions.endsAt, title: programmes.title, hubName: sessionHub })
      .from(sessions)
      .innerJoin(courses, eq(sessions.courseId, courses.id))
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .where(and(...filterConditions(filters, now), isNull(sessions.cancelledAt), sql`${sessions.startsAt} > ${now}`, own))
      .orderBy(asc(sessions.startsAt), asc(sessions.id))
      .limit(limit)
    return rows
  }

  /** Sessions that are still on, for several courses at once, in time order. */
  async sessionsOnFor(courseIds: readonly number[]): Promise<Session[]> {
    if (courseIds.length === 0) return []
    return this.db
      .select()
      .from(sessions)
      .where(and(inArray(sessions.courseId, [...courseIds]), isNull(sessions.cancelledAt)))
      .orderBy(asc(sessions.startsAt), asc(sessions.id))
  }

  async findCourse(courseId: number): Promise<{ course: Course; programme: Programme; hub: Hub | null } | undefined> {
    const [row] = await this.db
      .select({ course: courses, programme: programmes, hub: hubs })
      .from(courses)
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .leftJoin(hubs, eq(courses.hubId, hubs.id))
      .where(eq(courses.id, courseId))
    return row
  }

  /** Every session of a course, cancelled ones too (the course page shows them struck off). */
  async sessionsOf(courseId: number): Promise<SessionWithHub[]> {
    const rows = await this.db
      .select({ session: sessions, movedTo: { id: hubs.id, slug: hubs.slug, name: hubs.name } })
      .from(sessions)
      .innerJoin(courses, eq(sessions.courseId, courses.id))
      .leftJoin(hubs, and(eq(sessions.hubId, hubs.id), sql`${sessions.hubId} is distinct from ${courses.hubId}`))
      .where(eq(sessions.courseId, courseId))
      .orderBy(asc(sessions.startsAt), asc(sessions.id))
    return rows.map(({ session, movedTo }) => ({ ...session, movedTo: movedTo?.id ? movedTo : null }))
  }

  /** Every course's id and hub, cancelled and finished ones too (the Open Referral API finds a course by UUIDs made from them). */
  async allCourseKeys(): Promise<{ id: number; hubId: number | null }[]> {
    return this.db.select({ id: courses.id, hubId: courses.hubId }).from(courses).orderBy(asc(courses.id))
  }

  async findProgrammeBySlug(slug: string): Promise<Programme | undefined> {
    const [row] = await this.db.select().from(programmes).where(eq(programmes.slug, slug))
    return row
  }

  async findHubBySlug(slug: string): Promise<Hub | undefined> {
    const [row] = await this.db.select().from(hubs).where(eq(hubs.slug, slug))
    return row
  }

  async allHubs(): Promise<Hub[]> {
    return this.db.select().from(hubs).orderBy(asc(hubs.name))
  }

  /** Every topic slug used by a programme, for the topic filter. */
  async topicsInUse(): Promise<string[]> {
    const rows = await this.db.execute<{ topic: string }>(sql`select distinct unnest(topics) as topic from programmes order by topic`)
    return rows.rows.map((row) => row.topic)
  }

  /**
   * What the catalogue pages' data depends on, in one tiny query: the catalogue version (changed by a
   * trigger whenever a course, session, programme or hub changes; null after a truncate) and the next
   * session start after `now` (until then, which courses are upcoming, started or finished can't change).
   */
  async versionStamp(now: Date): Promise<string> {
    const result = await this.db.execute<{ stamp: string }>(sql`select concat_ws(':',
      (select version from catalogue_version),
      (select extract(epoch from min(starts_at)) from sessions where starts_at > ${now})) as stamp`)
    return result.rows[0]?.stamp ?? ''
  }

  /**
   * The catalogue's word nearest in spelling to `word` ("behavour" => "behaviour"), for "Did you
   * mean": words of at least 4 letters from programme titles, summaries, topics and languages and hub
   * names. Undefined when nothing is near enough or the word is already one of them.
   */
  async nearestWord(word: string): Promise<string | undefined> {
    const result = await this.db.execute<{ word: string }>(sql`with vocabulary as (
        select distinct w as word from programmes p,
          regexp_split_to_table(programme_search_text(p.title, p.summary, p.topics, p.language), '[^a-z]+') w
        union select distinct w from hubs h, regexp_split_to_table(lower(h.name), '[^a-z]+') w)
      select word from vocabulary
      where length(word) >= 4 and similarity(word, lower(${word})) >= 0.3
      order by word = lower(${word}) desc, similarity(word, lower(${word})) desc, word
      limit 1`)
    const found = result.rows[0]?.word
    return found && found !== word.toLowerCase() ? found : undefined
  }

  async languagesInUse(): Promise<string[]> {
    const rows = await this.db.selectDistinct({ language: programmes.language }).from(programmes).orderBy(asc(programmes.language))
    return rows.map((row) => row.language)
  }
}
