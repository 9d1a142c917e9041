import { eq, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookings, families } from '../../db/schema/index.js'

/** Every email address and phone number the family is known by: on the record and on each booking. */
export interface FamilyContacts {
  emails: string[]
  phones: string[]
}

export async function familyContacts(db: Executor, familyId: number): Promise<FamilyContacts> {
  const [family] = await db.select({ email: families.email, phone: families.phone }).from(families).where(eq(families.id, familyId))
  const booked = await db.select({ email: bookings.contactEmail, phone: bookings.contactPhone }).from(bookings).where(eq(bookings.familyId, familyId))
  const rows = family ? [family, ...booked] : booked
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => !!value))]
  return { emails: distinct(rows.map((row) => row.email)), phones: distinct(rows.map((row) => row.phone)) }
}

/**
 * Whether a table made by a later migration is there. Erasure and export cover such tables when
 * they exist, so a database migrated to an earlier point still works.
 */
export async function optionalTableExists(db: Executor, table: string): Promise<boolean> {
  const result = await db.execute<{ present: boolean }>(sql`select to_regclass(${`public.${table}`}) is not null as present`)
  return result.rows[0]?.present === true
}
