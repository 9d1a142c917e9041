import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
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
    return tx.insert(programmes).values(rows).returning({ id: programmes.id, slug: programmes.slug, bookingMode: programmes.bookingMode })
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
  /** The hub's courses that have sessions, earliest first: those not over by `after`, or those over by then. */
  async courseIdsAt(db: Db, hubId: number, options: { limit?: number; endingAfter?: Date; endedBy?: Date }): Promise<number[]> {
    const lastEnd = sql`max(${sessions.endsAt})`
    const rows = await db
      .select({ id: courses.id })
      .from(courses)
      .innerJoin(sessions, eq(sessions.courseId, courses.id))
      .where(eq(courses.hubId, hubId))
      .groupBy(courses.id)
      .having(
        and(
          options.endingAfter ? sql`${lastEnd} > ${options.endingAfter}` : undefined,
          options.endedBy ? sql`${lastEnd} <= ${options.endedBy}` : undefined,
        ),
      )
      .orderBy(sql`min(${sessions.startsAt})`)
      .limit(options.limit ?? 1000)
    return rows.map((row) => row.id)
  },
  async sessionIdsOf(db: Db, courseIds: number[]): Promise<number[]> {
    const rows = await db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.courseId, courseIds))
    return rows.map((row) => row.id)
  },
  async staffUserIdByEmail(db: Db, email: string): Promise<number | undefined> {
    const [row] = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email))
    return row?.id
  },
  /** Sessions that ended in [from, to), in time order: their registers are taken. */
  async sessionsEndedBetween(db: Db, from: Date, to: Date) {
    return db
      .select({ id: sessions.id, courseId: sessions.courseId, endsAt: sessions.endsAt })
      .from(sessions)
      .where(and(gte(sessions.endsAt, from), lt(sessions.endsAt, to)))
      .orderBy(asc(sessions.endsAt), asc(sessions.id))
  },
  /**
   * The generator's bookings were made through the booking service, which stamps created_at and
   * updated_at with the database's clock: give them the simulated times the booking already holds.
   */
  async backdateBookings(db: Db, courseIds: number[]): Promise<void> {
    if (courseIds.length === 0) return
    await db.execute(sql`
      update bookings set
        created_at = coalesce(waitlist_joined_at, confirmed_at, created_at),
        updated_at = greatest(coalesce(waitlist_joined_at, confirmed_at), confirmed_at, offered_at, ended_at)
      where course_id in ${sql.raw(`(${courseIds.map(Number).join(',')})`)}`)
  },
  /** The service's references are random; the demo's are the same every time (in booking order). */
  async setReferences(db: Db, courseIds: number[], nextReference: () => string): Promise<void> {
    if (courseIds.length === 0) return
    const rows = await db.select({ id: bookings.id }).from(bookings).where(inArray(bookings.courseId, courseIds)).orderBy(asc(bookings.id))
    if (rows.length === 0) return
    const pairs = sql.join(
      rows.map((row) => sql`(${row.id}::int, ${nextReference()})`),
      sql`, `,
    )
    await db.execute(sql`update bookings set reference = v.reference from (values ${pairs}) as v(id, reference) where bookings.id = v.id`)
  },
  /**
   * The delivery worker's outcome for every message due before `now`, as if it had run then: texts
   * delivered (one in 11 failed: phone off or number not in service), emails sent (one in 29
   * refused by the mail server). The worker has no clock and would send them for real, so the demo
   * writes the outcome here; nothing due in the past is left scheduled. Provider ids are made up.
   */
  async settlePastMessages(db: Db, now: Date): Promise<void> {
    await db.execute(sql`
      update notifications set
        state = case
          when channel = 'sms' and id % 11 = 0 then 'failed'
          when channel = 'sms' then 'delivered'
          when id % 29 = 0 then 'failed'
          else 'sent' end,
        attempts = 1,
        sent_at = case when channel = 'email' and id % 29 = 0 then null else due_at + interval '1 minute' end,
        delivered_at = case when channel = 'sms' and id % 11 <> 0 then due_at + interval '2 minutes' end,
        provider_message_id = case
          when channel = 'sms' then 'SMdemo' || lpad(id::text, 26, '0')
          when id % 29 <> 0 then '<demo-' || id || '@family-hubs.example.com>' end,
        provider_status = case
          when channel = 'sms' and id % 11 = 0 then 'undelivered'
          when channel = 'sms' then 'delivered' end,
        error = case
          when channel = 'sms' and id % 22 = 0 then 'Unknown destination handset (Twilio 30005)'
          when channel = 'sms' and id % 11 = 0 then 'Unreachable destination handset (Twilio 30003)'
          when channel = 'email' and id % 29 = 0 then '550 Mailbox unavailable' end,
        updated_at = due_at + interval '2 minutes'
      where state = 'scheduled' and due_at <= ${now}`)
  },
  async assignFacilitator(db: Db, staffUserId: number, sessionIds: number[]): Promise<void> {
    await db.insert(sessionFacilitators).values(sessionIds.map((sessionId) => ({ sessionId, staffUserId }))).onConflictDoNothing()
  },
}
