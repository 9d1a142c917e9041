import { randomUUID } from 'node:crypto'
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/database.js'
import { bookings, families, notifications, sessions, smsOptOuts } from '../../db/schema/index.js'
import type { BookingMessageKind, BookingNotifier, SessionChangeKind } from './booking-notifier.js'

/**
 * Writes one notifications row per channel the family agreed to. The dedupe key includes the
 * booking's calendar sequence so that a second change makes a second message, while the same event
 * recorded twice (a retried transaction) makes one.
 */
export class OutboxNotifier implements BookingNotifier {
  async record(tx: Tx, kind: BookingMessageKind, bookingId: number): Promise<void> {
    await this.recordFor(tx, kind, bookingId, '')
  }

  /** A new message each time: the key gets a random suffix; the payload says it was sent again. */
  async resend(tx: Tx, kind: BookingMessageKind, bookingId: number): Promise<number> {
    return this.recordFor(tx, kind, bookingId, `:resend:${randomUUID()}`, { resent: true })
  }

  private async recordFor(tx: Tx, kind: BookingMessageKind, bookingId: number, keySuffix: string, more: Record<string, unknown> = {}): Promise<number> {
    const [row] = await tx
      .select({ booking: bookings, family: families })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(eq(bookings.id, bookingId))
    if (!row) throw new Error(`No booking ${bookingId}`)
    // The position as it was on joining (or on resending): the message says the same whenever it goes.
    const extra = kind === 'waitlist_joined' ? { waitlistPosition: await this.waitlistPosition(tx, row.booking) } : {}
    return this.insertFor(tx, kind, row.booking, row.family, null, `${kind}:${bookingId}:${row.booking.calendarSequence}${keySuffix}`, { ...extra, ...more })
  }

  /**
   * `details.previousStartsAt`: when a moved session used to start, so the message can say
   * "was Tue 3 Mar, 10am, now ...". Optional.
   */
  async recordSessionChange(tx: Tx, kind: SessionChangeKind, sessionId: number, details: { previousStartsAt?: Date } = {}): Promise<void> {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId))
    if (!session) throw new Error(`No session ${sessionId}`)
    const statuses = kind === 'session_cancelled' ? (['confirmed', 'offered', 'waiting'] as const) : (['confirmed', 'offered'] as const)
    const rows = await tx
      .select({ booking: bookings, family: families })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(eq(bookings.courseId, session.courseId), inArray(bookings.status, [...statuses])))
    const extra = { sessionSequence: session.sequence, ...(details.previousStartsAt ? { previousStartsAt: details.previousStartsAt.toISOString() } : {}) }
    for (const row of rows) {
      await this.insertFor(tx, kind, row.booking, row.family, sessionId, `${kind}:${row.booking.id}:${sessionId}:${session.sequence}`, extra)
    }
  }

  /** 1 for the first in line: priority families first, then by time joined (the offer order). */
  private async waitlistPosition(tx: Tx, booking: typeof bookings.$inferSelect): Promise<number | undefined> {
    if (booking.status !== 'waiting') return undefined
    const queue = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(eq(bookings.courseId, booking.courseId), eq(bookings.status, 'waiting')))
      .orderBy(desc(families.priority), asc(bookings.waitlistJoinedAt), asc(bookings.id))
    const index = queue.findIndex((entry) => entry.id === booking.id)
    return index === -1 ? undefined : index + 1
  }

  private async insertFor(
    tx: Tx,
    kind: string,
    booking: typeof bookings.$inferSelect,
    family: typeof families.$inferSelect,
    sessionId: number | null,
    key: string,
    extra: Record<string, unknown> = {},
  ): Promise<number> {
    const values: (typeof notifications.$inferInsert)[] = []
    const payload = { calendarSequence: booking.calendarSequence, ...extra }
    if (family.contactByEmail && family.email) {
      values.push({ dedupeKey: `${key}:email`, bookingId: booking.id, sessionId, channel: 'email', kind, recipient: family.email, payload })
    }
    if (family.contactBySms && family.phone) {
      const [optedOut] = await tx.select().from(smsOptOuts).where(eq(smsOptOuts.phone, family.phone))
      if (!optedOut) {
        values.push({ dedupeKey: `${key}:sms`, bookingId: booking.id, sessionId, channel: 'sms', kind, recipient: family.phone, payload })
      }
    }
    if (values.length > 0) await tx.insert(notifications).values(values).onConflictDoNothing({ target: notifications.dedupeKey })
    return values.length
  }
}
