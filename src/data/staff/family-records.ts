import { and, asc, desc, eq, ilike, inArray, isNull, min, or, sql, type SQL } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { activeStatuses, bookings, children, courses, families, hubs, programmes, sessions, staffUsers } from '../../db/schema/index.js'

export type FamilyRecord = typeof families.$inferSelect
export type FamilyPatch = Partial<Omit<typeof families.$inferInsert, 'id' | 'createdAt'>>
export type ChildRecord = typeof children.$inferSelect

/** What reception can search by; the service decides which from what was typed. */
export type FamilyQuery =
  | { by: 'name'; name: string }
  | { by: 'email'; email: string }
  | { by: 'phone'; phone: string }
  | { by: 'postcode'; postcode: string }
  | { by: 'reference'; reference: string }

/** Families as staff see and edit them: search, record, children and bookings. */
export class FamilyRecords {
  constructor(private readonly db: Executor) {}

  async search(query: FamilyQuery, limit = 50): Promise<(FamilyRecord & { childNames: string[] })[]> {
    let where: SQL | undefined
    switch (query.by) {
      case 'name': {
        const pattern = `%${query.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        // Erased families all share the placeholder name: a name search never lists them.
        where = and(isNull(families.anonymisedAt), or(ilike(families.parentName, pattern), ilike(families.otherCarers, pattern)))
        break
      }
      case 'email':
        where = eq(families.email, query.email)
        break
      case 'phone':
        where = eq(families.phone, query.phone)
        break
      case 'postcode':
        where = sql`replace(upper(${families.postcode}), ' ', '') = ${query.postcode}`
        break
      case 'reference':
        where = inArray(families.id, this.db.select({ id: bookings.familyId }).from(bookings).where(eq(bookings.reference, query.reference)))
        break
    }
    const rows = await this.db.select().from(families).where(where).orderBy(asc(families.parentName), desc(families.id)).limit(limit)
    const kids = rows.length === 0 ? [] : await this.db.select().from(children).where(inArray(children.familyId, rows.map((row) => row.id))).orderBy(asc(children.id))
    return rows.map((row) => ({ ...row, childNames: kids.filter((kid) => kid.familyId === row.id).map((kid) => kid.firstName) }))
  }

  async byId(id: number, db: Executor = this.db): Promise<FamilyRecord | undefined> {
    const [row] = await db.select().from(families).where(eq(families.id, id))
    return row
  }

  /** The family row, locked for an edit that records its before and after. */
  async lock(tx: Tx, id: number): Promise<FamilyRecord | undefined> {
    const [row] = await tx.select().from(families).where(eq(families.id, id)).for('update')
    return row
  }

  async insert(tx: Tx, values: typeof families.$inferInsert): Promise<FamilyRecord> {
    const [row] = await tx.insert(families).values(values).returning()
    return row!
  }

  async update(tx: Tx, id: number, patch: FamilyPatch): Promise<FamilyRecord> {
    const [row] = await tx
      .update(families)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(families.id, id))
      .returning()
    return row!
  }

  /**
   * Active bookings carry the contact details they were made with (the one-place-per-person
   * indexes use them): keep them in step with a corrected email or phone number.
   */
  async updateActiveBookingContacts(tx: Tx, familyId: number, contact: { email: string | null; phone: string | null }): Promise<void> {
    await tx
      .update(bookings)
      .set({ contactEmail: contact.email, contactPhone: contact.phone, updatedAt: new Date() })
      .where(and(eq(bookings.familyId, familyId), inArray(bookings.status, [...activeStatuses])))
  }

  async staffName(id: number | null): Promise<string | undefined> {
    if (id === null) return undefined
    const [row] = await this.db.select({ name: staffUsers.name }).from(staffUsers).where(eq(staffUsers.id, id))
    return row?.name
  }

  async childrenOf(familyId: number, db: Executor = this.db): Promise<ChildRecord[]> {
    return db.select().from(children).where(eq(children.familyId, familyId)).orderBy(asc(children.id))
  }

  async addChild(tx: Tx, values: typeof children.$inferInsert): Promise<ChildRecord> {
    const [row] = await tx.insert(children).values(values).returning()
    return row!
  }

  async removeChild(tx: Tx, familyId: number, childId: number): Promise<ChildRecord | undefined> {
    const [row] = await tx
      .delete(children)
      .where(and(eq(children.id, childId), eq(children.familyId, familyId)))
      .returning()
    return row
  }

  /** Every booking and queue entry of the family, with what it is for, soonest first. */
  async bookingsOf(familyId: number) {
    const firstSession = this.db
      .select({ courseId: sessions.courseId, startsAt: min(sessions.startsAt).as('first_starts_at') })
      .from(sessions)
      .where(isNull(sessions.cancelledAt))
      .groupBy(sessions.courseId)
      .as('first_session')
    return this.db
      .select({ booking: bookings, course: courses, programmeTitle: programmes.title, hubName: hubs.name, firstStartsAt: firstSession.startsAt })
      .from(bookings)
      .innerJoin(courses, eq(bookings.courseId, courses.id))
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .leftJoin(hubs, eq(courses.hubId, hubs.id))
      .leftJoin(firstSession, eq(firstSession.courseId, courses.id))
      .where(eq(bookings.familyId, familyId))
      .orderBy(desc(bookings.createdAt))
  }
}
