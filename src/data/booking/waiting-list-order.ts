import { and, asc, desc, eq } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookings, families } from '../../db/schema/index.js'

/**
 * The order in which places are offered: priority families first, then by the time they joined,
 * then by id (so the order is total even for entries made in the same instant). Every query that
 * lists or counts the queue sorts by this, so the page, the message and the offer always agree.
 * The query must join families.
 */
export const waitingListOrder = () => [desc(families.priority), asc(bookings.waitlistJoinedAt), asc(bookings.id)] as const

/** The ids of a course's waiting list, first in line first. */
async function waitingIds(db: Executor, courseId: number): Promise<number[]> {
  const rows = await db
    .select({ id: bookings.id })
    .from(bookings)
    .innerJoin(families, eq(bookings.familyId, families.id))
    .where(and(eq(bookings.courseId, courseId), eq(bookings.status, 'waiting')))
    .orderBy(...waitingListOrder())
  return rows.map((row) => row.id)
}

/** 1 for the first in line. Undefined when the booking is not waiting. */
export async function waitingListPosition(db: Executor, booking: { id: number; courseId: number; status: string }): Promise<number | undefined> {
  if (booking.status !== 'waiting') return undefined
  const index = (await waitingIds(db, booking.courseId)).indexOf(booking.id)
  return index === -1 ? undefined : index + 1
}
