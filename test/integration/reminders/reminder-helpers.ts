import { and, asc, eq, like, sql } from 'drizzle-orm'
import { testDatabase } from '../../support/root-hooks.js'
import { notifications, sessions } from '../../../src/db/schema/index.js'
import type { TestApp } from '../../support/test-app.js'
import { aBookingRequest, aNewFamily } from '../../support/booking-helpers.js'
import type { NewFamily } from '../../../src/services/booking/booking-types.js'

export type NotificationRow = typeof notifications.$inferSelect

/** A booking's reminder rows, oldest first. */
export async function reminderRows(bookingId: number): Promise<NotificationRow[]> {
  return testDatabase()
    .db.select()
    .from(notifications)
    .where(and(eq(notifications.bookingId, bookingId), like(notifications.kind, 'reminder_%')))
    .orderBy(asc(notifications.id))
}

/** "kind session state" lines, for readable deep-equals. */
export const describeRows = (rows: NotificationRow[]) => rows.map((row) => `${row.kind} ${row.sessionId} ${row.state}`)

/** A confirmed booking from a new family with email and texts on. */
export async function confirmedBooking(t: TestApp, courseId: number, family: Partial<NewFamily> = {}) {
  const result = await t.services.booking.book(
    aBookingRequest(courseId, { family: aNewFamily({ contactByEmail: true, contactBySms: true, ...family }) }),
  )
  if (result.outcome !== 'confirmed') throw new Error(`Expected a confirmed booking, got ${result.outcome}`)
  return result.booking
}

/** Moves a session as the staff journey does: new time, sequence up, then the notifier, in one transaction. */
export async function moveSession(t: TestApp, sessionId: number, startsAt: Date, endsAt: Date, options: { bumpSequence?: boolean } = {}) {
  await testDatabase().db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ startsAt, endsAt, ...(options.bumpSequence === false ? {} : { sequence: sql`${sessions.sequence} + 1` }) })
      .where(eq(sessions.id, sessionId))
    await t.services.notifier.recordSessionChange(tx, 'session_moved', sessionId)
  })
}

export async function cancelSession(t: TestApp, sessionId: number) {
  await testDatabase().db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ cancelledAt: new Date(), sequence: sql`${sessions.sequence} + 1` })
      .where(eq(sessions.id, sessionId))
    await t.services.notifier.recordSessionChange(tx, 'session_cancelled', sessionId)
  })
}

/** Makes a booking's scheduled reminder rows due now, as if their time had come. */
export async function makeRemindersDue(bookingId: number): Promise<void> {
  await testDatabase()
    .db.update(notifications)
    .set({ dueAt: sql`now() - interval '1 second'` })
    .where(and(eq(notifications.bookingId, bookingId), like(notifications.kind, 'reminder_%'), eq(notifications.state, 'scheduled')))
}
