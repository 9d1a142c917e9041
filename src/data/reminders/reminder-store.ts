import { and, eq, inArray, like, notInArray, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { bookings, courses, families, notifications, programmes, sessions } from '../../db/schema/index.js'
import { isOptedOut, phoneOptedOut, recordOptOut, removeOptOut } from '../notifications/sms-opt-outs.js'

export type NotificationInsert = typeof notifications.$inferInsert

/** Every reminder row's kind starts with this (reminder_email_48h, reminder_sms_3h, ...). */
const REMINDER_KIND_PREFIX = 'reminder_'
const isReminder = like(notifications.kind, `${REMINDER_KIND_PREFIX}%`)

/** A confirmed booking with what its reminders depend on. */
export interface BookingForReminders {
  bookingId: number
  courseId: number
  calendarSequence: number
  email: string | null
  phone: string | null
  contactByEmail: boolean
  contactBySms: boolean
  smsOptedOut: boolean
  reminderSettings: unknown
  courseCancelled: boolean
}

export interface SessionForReminders {
  id: number
  courseId: number
  startsAt: Date
  cancelled: boolean
  sequence: number
}

/** The SQL behind reminders: which bookings and sessions to plan for, and the rows themselves. */
export class ReminderStore {
  async confirmedBookings(db: Executor, where: { bookingId?: number; courseId?: number; familyId?: number; phone?: string }): Promise<BookingForReminders[]> {
    const conditions = [eq(bookings.status, 'confirmed')]
    if (where.bookingId !== undefined) conditions.push(eq(bookings.id, where.bookingId))
    if (where.courseId !== undefined) conditions.push(eq(bookings.courseId, where.courseId))
    if (where.familyId !== undefined) conditions.push(eq(bookings.familyId, where.familyId))
    if (where.phone !== undefined) conditions.push(eq(families.phone, where.phone))
    return db
      .select({
        bookingId: bookings.id,
        courseId: bookings.courseId,
        calendarSequence: bookings.calendarSequence,
        email: families.email,
        phone: families.phone,
        contactByEmail: families.contactByEmail,
        contactBySms: families.contactBySms,
        smsOptedOut: phoneOptedOut(families.phone),
        reminderSettings: programmes.reminderSettings,
        courseCancelled: sql<boolean>`${courses.cancelledAt} is not null`,
      })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .innerJoin(courses, eq(bookings.courseId, courses.id))
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .where(and(...conditions))
      .orderBy(bookings.id)
  }

  async sessionsOf(db: Executor, courseIds: number[]): Promise<SessionForReminders[]> {
    if (courseIds.length === 0) return []
    return db
      .select({
        id: sessions.id,
        courseId: sessions.courseId,
        startsAt: sessions.startsAt,
        cancelled: sql<boolean>`${sessions.cancelledAt} is not null`,
        sequence: sessions.sequence,
      })
      .from(sessions)
      .where(inArray(sessions.courseId, courseIds))
      .orderBy(sessions.startsAt)
  }

  async session(db: Executor, sessionId: number): Promise<SessionForReminders | undefined> {
    const [row] = await db
      .select({ id: sessions.id, courseId: sessions.courseId, startsAt: sessions.startsAt, cancelled: sql<boolean>`${sessions.cancelledAt} is not null`, sequence: sessions.sequence })
      .from(sessions)
      .where(eq(sessions.id, sessionId))
    return row
  }

  /**
   * Writes the planned rows. A row already there (same dedupe key) takes the new plan only while
   * it has not been handed to the delivery worker: skipped and cancelled rows come back when the
   * plan says so (the session moved later, the family opted back in); a scheduled row moves when
   * its time changed, and otherwise stays as it is, so planning twice never turns a reminder that
   * is due, and waiting for the worker, into a skipped one. A row being sent or already sent is
   * never touched.
   */
  async upsert(tx: Tx, rows: NotificationInsert[]): Promise<void> {
    if (rows.length === 0) return
    await tx
      .insert(notifications)
      .values(rows)
      .onConflictDoUpdate({
        target: notifications.dedupeKey,
        set: {
          state: sql`excluded.state`,
          dueAt: sql`excluded.due_at`,
          recipient: sql`excluded.recipient`,
          payload: sql`excluded.payload`,
          error: null,
          updatedAt: sql`now()`,
        },
        setWhere: sql`${notifications.state} in ('skipped', 'cancelled') or (${notifications.state} = 'scheduled' and (${notifications.dueAt} <> excluded.due_at or ${notifications.recipient} <> excluded.recipient))`,
      })
  }

  /** Cancels the reminders not yet handed to the worker, except those whose keys are kept. */
  async cancelPending(tx: Tx, where: { bookingId?: number; sessionId?: number; keep?: string[] }): Promise<number> {
    const conditions = [isReminder, eq(notifications.state, 'scheduled')]
    if (where.bookingId !== undefined) conditions.push(eq(notifications.bookingId, where.bookingId))
    if (where.sessionId !== undefined) conditions.push(eq(notifications.sessionId, where.sessionId))
    if (where.keep && where.keep.length > 0) conditions.push(notInArray(notifications.dedupeKey, where.keep))
    const rows = await tx
      .update(notifications)
      .set({ state: 'cancelled', updatedAt: sql`now()` })
      .where(and(...conditions))
      .returning({ id: notifications.id })
    return rows.length
  }

  /** Records a number's opt-out and cancels every text not yet sent to it, reminders or not. */
  async optOut(tx: Tx, phone: string): Promise<number> {
    await recordOptOut(tx, phone)
    const rows = await tx
      .update(notifications)
      .set({ state: 'cancelled', error: 'The number replied STOP', updatedAt: sql`now()` })
      .where(and(eq(notifications.channel, 'sms'), eq(notifications.recipient, phone), eq(notifications.state, 'scheduled')))
      .returning({ id: notifications.id })
    return rows.length
  }

  async optIn(tx: Tx, phone: string): Promise<boolean> {
    return removeOptOut(tx, phone)
  }

  async isOptedOut(db: Executor, phone: string): Promise<boolean> {
    return isOptedOut(db, phone)
  }
}
