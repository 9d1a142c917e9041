import { and, eq, isNull, max, min } from 'drizzle-orm'
import type { Executor, Tx } from '../db/database.js'
import { courses, programmes, sessions } from '../db/schema/index.js'

/** A course row held with FOR UPDATE, with the facts the capacity and offer rules need. */
export interface LockedCourse {
  course: typeof courses.$inferSelect
  bookingMode: 'open' | 'referral'
  /** The programme's own waiting-list rules; null where the service's settings apply. */
  programmeOfferRules?: { offerHours: number | null; offerRounds: number | null; openOfferMinutesBeforeStart: number | null }
  /** The first session that is not cancelled; null when there is none. */
  firstStartsAt: Date | null
  /** The end of the last session that is not cancelled; null when there is none. */
  lastEndsAt: Date | null
}

/**
 * Locks the course row: every change to a course's places, capacity or sessions queues behind
 * this. Booking changes and staff catalogue changes take this one lock first (then the booking or
 * session row), so two changes never wait for each other in a circle.
 */
export async function lockCourse(tx: Tx, courseId: number): Promise<LockedCourse | undefined> {
  const [row] = await courseQuery(tx, courseId).for('update', { of: courses })
  if (!row) return undefined
  return { ...row, ...(await sessionSpan(tx, courseId)) }
}

/** The same facts without the lock: only to answer "full" early, never to change a place. */
export async function readCourse(db: Executor, courseId: number): Promise<LockedCourse | undefined> {
  const [row] = await courseQuery(db, courseId)
  if (!row) return undefined
  return { ...row, ...(await sessionSpan(db, courseId)) }
}

const courseQuery = (db: Executor, courseId: number) =>
  db
    .select({
      course: courses,
      bookingMode: programmes.bookingMode,
      programmeOfferRules: {
        offerHours: programmes.offerHours,
        offerRounds: programmes.offerRounds,
        openOfferMinutesBeforeStart: programmes.openOfferMinutesBeforeStart,
      },
    })
    .from(courses)
    .innerJoin(programmes, eq(courses.programmeId, programmes.id))
    .where(eq(courses.id, courseId))

/** When the course's sessions (those not cancelled) begin and end. */
export async function sessionSpan(db: Executor, courseId: number): Promise<{ firstStartsAt: Date | null; lastEndsAt: Date | null }> {
  const [row] = await db
    .select({ firstStartsAt: min(sessions.startsAt), lastEndsAt: max(sessions.endsAt) })
    .from(sessions)
    .where(and(eq(sessions.courseId, courseId), isNull(sessions.cancelledAt)))
  const asDate = (value: Date | string | null | undefined) => (value ? new Date(value) : null)
  return { firstStartsAt: asDate(row?.firstStartsAt), lastEndsAt: asDate(row?.lastEndsAt) }
}
