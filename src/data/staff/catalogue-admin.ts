import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { courses, hubs, programmes, sessionFacilitators, sessions, staffUsers } from '../../db/schema/index.js'

export type HubRow = typeof hubs.$inferSelect
export type NewHub = typeof hubs.$inferInsert
export type ProgrammeRow = typeof programmes.$inferSelect
export type NewProgramme = typeof programmes.$inferInsert
export type CourseRow = typeof courses.$inferSelect
export type SessionRow = typeof sessions.$inferSelect

/** Writes to the catalogue by managers: hubs, programmes, courses, sessions, facilitators. */
export class CatalogueAdmin {
  constructor(private readonly db: Executor) {}

  hubs(ids?: readonly number[]) {
    const query = this.db.select().from(hubs)
    return (ids ? query.where(ids.length > 0 ? inArray(hubs.id, [...ids]) : sql`false`) : query).orderBy(asc(hubs.name))
  }

  async hub(id: number): Promise<HubRow | undefined> {
    const [row] = await this.db.select().from(hubs).where(eq(hubs.id, id))
    return row
  }

  async insertHub(tx: Tx, values: NewHub): Promise<HubRow> {
    const [row] = await tx.insert(hubs).values(values).returning()
    return row!
  }

  async updateHub(tx: Tx, id: number, values: Partial<NewHub>): Promise<void> {
    await tx.update(hubs).set(values).where(eq(hubs.id, id))
  }

  programmes() {
    return this.db.select().from(programmes).orderBy(asc(programmes.title))
  }

  async programme(id: number): Promise<ProgrammeRow | undefined> {
    const [row] = await this.db.select().from(programmes).where(eq(programmes.id, id))
    return row
  }

  async insertProgramme(tx: Tx, values: NewProgramme): Promise<ProgrammeRow> {
    const [row] = await tx.insert(programmes).values(values).returning()
    return row!
  }

  async updateProgramme(tx: Tx, id: number, values: Partial<NewProgramme>): Promise<void> {
    await tx.update(programmes).set(values).where(eq(programmes.id, id))
  }

  async slugTaken(table: 'hubs' | 'programmes', slug: string, exceptId?: number): Promise<boolean> {
    const t = table === 'hubs' ? hubs : programmes
    const rows = await this.db.select({ id: t.id }).from(t).where(eq(t.slug, slug))
    return rows.some((row) => row.id !== exceptId)
  }

  async insertCourse(tx: Tx, values: typeof courses.$inferInsert, times: readonly { startsAt: Date; endsAt: Date }[], room: string | null): Promise<CourseRow> {
    const [course] = await tx.insert(courses).values(values).returning()
    await tx.insert(sessions).values(times.map((time) => ({ courseId: course!.id, ...time, room })))
    return course!
  }

  /** The course with its programme, hub and sessions (each with its facilitators). */
  async course(id: number) {
    const [row] = await this.db
      .select({ course: courses, programme: programmes, hub: hubs })
      .from(courses)
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .leftJoin(hubs, eq(courses.hubId, hubs.id))
      .where(eq(courses.id, id))
    if (!row) return undefined
    const courseSessions = await this.db.select().from(sessions).where(eq(sessions.courseId, id)).orderBy(asc(sessions.startsAt))
    const facilitators =
      courseSessions.length === 0
        ? []
        : await this.db
            .select({ sessionId: sessionFacilitators.sessionId, staffUserId: staffUsers.id, name: staffUsers.name })
            .from(sessionFacilitators)
            .innerJoin(staffUsers, eq(sessionFacilitators.staffUserId, staffUsers.id))
            .where(inArray(sessionFacilitators.sessionId, courseSessions.map((s) => s.id)))
    return { ...row, sessions: courseSessions.map((session) => ({ ...session, facilitators: facilitators.filter((f) => f.sessionId === session.id) })) }
  }

  async updateCourse(tx: Tx, id: number, values: Partial<Pick<CourseRow, 'capacity' | 'bookingOpen' | 'cancelledAt'>>): Promise<void> {
    await tx.update(courses).set(values).where(eq(courses.id, id))
  }

  async sessionById(db: Executor, id: number): Promise<SessionRow | undefined> {
    const [row] = await db.select().from(sessions).where(eq(sessions.id, id))
    return row
  }

  async lockSession(tx: Tx, id: number): Promise<SessionRow | undefined> {
    const [row] = await tx.select().from(sessions).where(eq(sessions.id, id)).for('update')
    return row
  }

  /** Every change of time or place (or a cancellation) raises the session's calendar SEQUENCE. */
  async updateSession(tx: Tx, id: number, values: Partial<Pick<SessionRow, 'startsAt' | 'endsAt' | 'room' | 'hubId' | 'cancelledAt'>>): Promise<SessionRow> {
    const [row] = await tx
      .update(sessions)
      .set({ ...values, sequence: sql`${sessions.sequence} + 1` })
      .where(eq(sessions.id, id))
      .returning()
    return row!
  }

  async liveSessionCount(tx: Tx, courseId: number): Promise<number> {
    const rows = await tx.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.courseId, courseId), isNull(sessions.cancelledAt)))
    return rows.length
  }

  async setFacilitators(tx: Tx, sessionIds: readonly number[], staffUserIds: readonly number[]): Promise<void> {
    if (sessionIds.length === 0) return
    await tx.delete(sessionFacilitators).where(inArray(sessionFacilitators.sessionId, [...sessionIds]))
    const rows = sessionIds.flatMap((sessionId) => staffUserIds.map((staffUserId) => ({ sessionId, staffUserId })))
    if (rows.length > 0) await tx.insert(sessionFacilitators).values(rows)
  }

  /** Staff who can run sessions: facilitators and hub managers. */
  facilitatorChoices() {
    return this.db
      .select({ id: staffUsers.id, name: staffUsers.name, role: staffUsers.role })
      .from(staffUsers)
      .where(and(eq(staffUsers.active, true), or(eq(staffUsers.role, 'facilitator'), eq(staffUsers.role, 'hub_manager'))))
      .orderBy(asc(staffUsers.name))
  }
}
