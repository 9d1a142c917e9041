import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db, Executor, Tx } from '../../db/database.js'
import { bookings, children, courses, families, hubs, programmes, sessionFacilitators, sessions, staffHubs, staffUsers } from '../../db/schema/index.js'

export type NewHub = typeof hubs.$inferInsert
export type NewProgramme = typeof programmes.$inferInsert
export type NewCourse = typeof courses.$inferInsert
export type NewSession = typeof sessions.$inferInsert
export type NewFamily = typeof families.$inferInsert
export type NewChild = typeof children.$inferInsert
export type NewBooking = typeof bookings.$inferInsert
export type NewStaffUser = typeof staffUsers.$inferInsert

/** The SQL behind the demo-data generator (src/cli/demo-data): bulk inserts and a few look-ups. */
export const demoRows = {
  async hasHubs(db: Executor): Promise<boolean> {
    const result = await db.execute<{ count: number }>(sql`select count(*)::int as count from hubs`)
    return (result.rows[0]?.count ?? 0) > 0
  },
  async insertHubs(tx: Tx, rows: NewHub[]) {
    return tx.insert(hubs).values(rows).returning({ id: hubs.id, slug: hubs.slug })
  },
  async insertProgrammes(tx: Tx, rows: NewProgramme[]) {
    return tx.insert(programmes).values(rows).returning({ id: programmes.id, slug: programmes.slug })
  },
  async insertCourses(tx: Tx, rows: NewCourse[]) {
    return tx.insert(courses).values(rows).returning({ id: courses.id })
  },
  async insertSessions(tx: Tx, rows: NewSession[]): Promise<void> {
    await tx.insert(sessions).values(rows)
  },
  async insertFamilies(tx: Tx, rows: NewFamily[]) {
    return tx.insert(families).values(rows).returning({ id: families.id })
  },
  async insertChildren(tx: Tx, rows: NewChild[]): Promise<void> {
    await tx.insert(children).values(rows)
  },
  async insertBookings(tx: Tx, rows: NewBooking[]): Promise<void> {
    await tx.insert(bookings).values(rows)
  },

  /** Undefined when an account with that email already exists. */
  async insertStaffUser(db: Db, values: NewStaffUser): Promise<number | undefined> {
    const [row] = await db.insert(staffUsers).values(values).onConflictDoNothing({ target: staffUsers.email }).returning({ id: staffUsers.id })
    return row?.id
  },
  async firstHubIds(db: Db, limit: number): Promise<number[]> {
    const rows = await db.select({ id: hubs.id }).from(hubs).orderBy(asc(hubs.id)).limit(limit)
    return rows.map((row) => row.id)
  },
  async assignHubs(db: Db, staffUserId: number, hubIds: number[]): Promise<void> {
    await db.insert(staffHubs).values(hubIds.map((hubId) => ({ staffUserId, hubId }))).onConflictDoNothing()
  },
  /** The hub's courses that have sessions, earliest first. */
  async firstCourseIdsAt(db: Db, hubId: number, limit: number): Promise<number[]> {
    const rows = await db
      .select({ id: courses.id })
      .from(courses)
      .innerJoin(sessions, eq(sessions.courseId, courses.id))
      .where(eq(courses.hubId, hubId))
      .groupBy(courses.id)
      .orderBy(sql`min(${sessions.startsAt})`)
      .limit(limit)
    return rows.map((row) => row.id)
  },
  async sessionIdsOf(db: Db, courseIds: number[]): Promise<number[]> {
    const rows = await db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.courseId, courseIds))
    return rows.map((row) => row.id)
  },
  async assignFacilitator(db: Db, staffUserId: number, sessionIds: number[]): Promise<void> {
    await db.insert(sessionFacilitators).values(sessionIds.map((sessionId) => ({ sessionId, staffUserId }))).onConflictDoNothing()
  },
}
