import { asc, eq } from 'drizzle-orm'
import type { Executor, Tx } from '../db/database.js'
import { children, families } from '../db/schema/index.js'

export type FamilyRow = typeof families.$inferSelect
export type NewFamilyRow = typeof families.$inferInsert
export type ChildRow = typeof children.$inferSelect
export type NewChildRow = Omit<typeof children.$inferInsert, 'id' | 'familyId'>

/** Families and their children. Online bookings add a new family each time; staff edit them. */
export class FamilyRepository {
  async insert(tx: Tx, values: NewFamilyRow): Promise<FamilyRow> {
    const [row] = await tx.insert(families).values(values).returning()
    return row!
  }

  async insertChildren(tx: Tx, familyId: number, rows: readonly NewChildRow[]): Promise<void> {
    if (rows.length === 0) return
    await tx.insert(children).values(rows.map((child) => ({ ...child, familyId })))
  }

  async findById(db: Executor, familyId: number): Promise<FamilyRow | undefined> {
    const [row] = await db.select().from(families).where(eq(families.id, familyId))
    return row
  }

  /** The language reception chose for the family's emails and texts, if it chose one. */
  async messageLanguage(db: Executor, familyId: number): Promise<FamilyRow['messageLanguage'] | undefined> {
    const [row] = await db.select({ language: families.messageLanguage }).from(families).where(eq(families.id, familyId))
    return row?.language ?? undefined
  }

  async childrenOf(db: Executor, familyId: number): Promise<ChildRow[]> {
    return db.select().from(children).where(eq(children.familyId, familyId)).orderBy(asc(children.id))
  }
}
