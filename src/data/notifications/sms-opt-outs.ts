import { eq, sql, type Column, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { smsOptOuts } from '../../db/schema/index.js'

/**
 * The one place that reads and writes sms_opt_outs: a number that replied STOP (or that Twilio
 * reports as opted out) gets no more texts until it replies START.
 */

/** A condition for use inside a query: the number in `phone` has opted out. */
export const phoneOptedOut = (phone: Column | SQL): SQL<boolean> => sql<boolean>`exists (select 1 from ${smsOptOuts} where ${smsOptOuts.phone} = ${phone})`

export async function isOptedOut(db: Executor, phone: string): Promise<boolean> {
  const [row] = await db.select({ phone: smsOptOuts.phone }).from(smsOptOuts).where(eq(smsOptOuts.phone, phone))
  return row !== undefined
}

export async function recordOptOut(db: Executor, phone: string): Promise<void> {
  await db.insert(smsOptOuts).values({ phone }).onConflictDoNothing()
}

/** True when the number had opted out (and so now is back in). */
export async function removeOptOut(db: Executor, phone: string): Promise<boolean> {
  const rows = await db.delete(smsOptOuts).where(eq(smsOptOuts.phone, phone)).returning()
  return rows.length > 0
}
