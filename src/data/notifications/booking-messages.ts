import { and, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/database.js'
import { bookings, families, notifications, sessions, type BookingStatus } from '../../db/schema/index.js'
import { waitingListPosition } from '../booking/waiting-list-order.js'
import { isOptedOut } from './sms-opt-outs.js'

export type BookingWithFamily = { booking: typeof bookings.$inferSelect; family: typeof families.$inferSelect }
export type SessionRow = typeof sessions.$inferSelect
export type NewNotification = typeof notifications.$inferInsert

/** The SQL behind the outbox notifier: the bookings a message is about, and its rows. */
export class BookingMessages {
  async bookingWithFamily(tx: Tx, bookingId: number): Promise<BookingWithFamily | undefined> {
    const [row] = await tx.select({ booking: bookings, family: families }).from(bookings).innerJoin(families, eq(bookings.familyId, families.id)).where(eq(bookings.id, bookingId))
    return row
  }

  async session(tx: Tx, sessionId: number): Promise<SessionRow | undefined> {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId))
    return session
  }

  async bookingsOnCourse(tx: Tx, courseId: number, statuses: readonly BookingStatus[]): Promise<BookingWithFamily[]> {
    return tx
      .select({ booking: bookings, family: families })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(eq(bookings.courseId, courseId), inArray(bookings.status, [...statuses])))
  }

  async waitingListPosition(tx: Tx, booking: BookingWithFamily['booking']): Promise<number | undefined> {
    return waitingListPosition(tx, booking)
  }

  async isOptedOut(tx: Tx, phone: string): Promise<boolean> {
    return isOptedOut(tx, phone)
  }

  /** The same dedupe key twice (a retried transaction) makes one row. */
  async insert(tx: Tx, rows: NewNotification[]): Promise<void> {
    if (rows.length > 0) await tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey })
  }
}
