import type { Config } from '../../config.js'
import type { Tx } from '../../db/database.js'
import type { Logger } from '../../logger.js'
import { planReminders, type PlannedReminder } from './policy.js'
import { rulesFor } from './settings.js'
import type { BookingForReminders, NotificationInsert, ReminderStore, SessionForReminders } from '../../data/reminders/reminder-store.js'

/**
 * One row per (booking, session, channel, kind) holds in the database through this unique key.
 * A session that moved (its sequence went up) gets keys of its own, so a reminder already sent for
 * the old time stays as it was and the new time still gets one; the old version's pending rows
 * are cancelled.
 */
export function reminderKey(kind: string, bookingId: number, sessionId: number, channel: string, sessionSequence: number): string {
  const key = `reminder:${kind}:${bookingId}:${sessionId}:${channel}`
  return sessionSequence > 0 ? `${key}:v${sessionSequence}` : key
}

/** What the delivery worker finds in a reminder row's payload. */
export interface ReminderPayload {
  hoursBefore: number
  nominalAt: string
  sessionStartsAt: string
  sessionSequence: number
  calendarSequence: number
  skipReason?: string
}

/**
 * Keeps a booking's reminder rows in line with the policy. Every method runs inside the caller's
 * transaction (the booking, cancellation or session change that caused it), so a booking and its
 * reminders commit together. Rows are written with their future due_at; the delivery worker sends
 * them (see jobs/reminder-tick.ts for how they go at the right minute).
 */
export class ReminderService {
  constructor(
    private readonly store: ReminderStore,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  /** A booking was confirmed (online, by staff, or an accepted offer): plan its reminders. */
  async scheduleForBooking(tx: Tx, bookingId: number, now = new Date()): Promise<void> {
    const bookingRows = await this.store.confirmedBookings(tx, { bookingId })
    await this.sync(
      tx,
      bookingRows,
      await this.store.sessionsOf(
        tx,
        bookingRows.map((b) => b.courseId),
      ),
      now,
      { bookingId },
    )
  }

  /** A booking was cancelled: its reminders not yet sent are cancelled. */
  async cancelForBooking(tx: Tx, bookingId: number): Promise<number> {
    return this.store.cancelPending(tx, { bookingId })
  }

  /**
   * A session's time or place changed, or it was cancelled: move its reminders for every family
   * holding a place (a moved reminder that is now too late is skipped), or cancel them.
   */
  async rescheduleSession(tx: Tx, sessionId: number, now = new Date()): Promise<void> {
    const session = await this.store.session(tx, sessionId)
    if (!session) return
    const bookingRows = await this.store.confirmedBookings(tx, { courseId: session.courseId })
    await this.sync(tx, bookingRows, [session], now, { sessionId })
  }

  /**
   * A family's email, number or consent changed (a staff edit): their reminders follow, in the
   * same transaction. Texts start or stop, and go to the new address or number.
   */
  async refreshFamily(tx: Tx, familyId: number, now = new Date()): Promise<void> {
    await this.refresh(tx, await this.store.confirmedBookings(tx, { familyId }), now)
  }

  /** The number replied START: its families' reminders still ahead come back. */
  async refreshForPhone(tx: Tx, phone: string, now = new Date()): Promise<void> {
    await this.refresh(tx, await this.store.confirmedBookings(tx, { phone }), now)
  }

  private async refresh(tx: Tx, bookingRows: BookingForReminders[], now: Date): Promise<void> {
    for (const booking of bookingRows) {
      await this.sync(tx, [booking], await this.store.sessionsOf(tx, [booking.courseId]), now, { bookingId: booking.bookingId })
    }
  }

  /** The number replied STOP: no texts to it any more, and none left waiting. */
  async optOut(tx: Tx, phone: string): Promise<number> {
    return this.store.optOut(tx, phone)
  }

  /** The number replied START: texts again, and the reminders still ahead come back. */
  async optIn(tx: Tx, phone: string, now = new Date()): Promise<void> {
    if (await this.store.optIn(tx, phone)) await this.refreshForPhone(tx, phone, now)
  }

  /**
   * Writes the plan for these bookings and sessions, then cancels whatever pending reminder in the
   * scope is no longer in the plan (a cancelled session, a channel the family left, an old version
   * of a moved session). A booking that is no longer confirmed is not in bookingRows: its pending
   * reminders in the scope are cancelled too.
   */
  private async sync(
    tx: Tx,
    bookingRows: BookingForReminders[],
    sessionRows: SessionForReminders[],
    now: Date,
    scope: { bookingId?: number; sessionId?: number },
  ): Promise<void> {
    const rows: NotificationInsert[] = []
    for (const booking of bookingRows) {
      if (booking.courseCancelled) continue
      const { rules, problem } = rulesFor(this.config.reminders, booking.reminderSettings)
      if (problem)
        this.logger.warn({ bookingId: booking.bookingId, problem }, 'programme reminder settings are not valid; using the defaults')
      const channels = {
        email: booking.contactByEmail && !!booking.email,
        sms: booking.contactBySms && !!booking.phone && !booking.smsOptedOut,
      }
      for (const session of sessionRows) {
        if (session.courseId !== booking.courseId || session.cancelled) continue
        for (const planned of planReminders({ sessionStartsAt: session.startsAt, now, channels, rules })) {
          rows.push(this.toRow(booking, session, planned))
        }
      }
    }
    await this.store.upsert(tx, rows)
    await this.store.cancelPending(tx, { ...scope, keep: rows.map((row) => row.dedupeKey) })
  }

  private toRow(booking: BookingForReminders, session: SessionForReminders, planned: PlannedReminder): NotificationInsert {
    const payload: ReminderPayload = {
      hoursBefore: planned.hoursBefore,
      nominalAt: planned.nominalAt.toISOString(),
      sessionStartsAt: session.startsAt.toISOString(),
      sessionSequence: session.sequence,
      calendarSequence: booking.calendarSequence,
      ...(planned.skipReason ? { skipReason: planned.skipReason } : {}),
    }
    return {
      dedupeKey: reminderKey(planned.kind, booking.bookingId, session.id, planned.channel, session.sequence),
      bookingId: booking.bookingId,
      sessionId: session.id,
      channel: planned.channel,
      kind: planned.kind,
      recipient: planned.channel === 'email' ? booking.email! : booking.phone!,
      state: planned.state,
      dueAt: planned.dueAt,
      payload,
    }
  }
}
