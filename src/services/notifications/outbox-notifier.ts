import { randomUUID } from 'node:crypto'
import type { Tx } from '../../db/database.js'
import type { BookingMessages, BookingWithFamily, NewNotification } from '../../data/notifications/booking-messages.js'
import type { BookingMessageKind, BookingNotifier, RecordOptions, SessionChangeKind } from './booking-notifier.js'

/**
 * Writes one notifications row per channel the family agreed to. The dedupe key includes the
 * booking's calendar sequence so that a second change makes a second message, while the same event
 * recorded twice (a retried transaction) makes one.
 */
export class OutboxNotifier implements BookingNotifier {
  /**
   * `clock`: only the demo-data generator passes one, to write its simulated past: rows are then
   * due (and created) at the clock's time instead of the database's.
   */
  constructor(
    private readonly messages: BookingMessages,
    private readonly clock?: () => Date,
  ) {}

  async record(tx: Tx, kind: BookingMessageKind, bookingId: number, options: RecordOptions = {}): Promise<void> {
    await this.recordFor(tx, kind, bookingId, options.key ?? '', options.payload, options)
  }

  /** A new message each time: the key gets a random suffix; the payload says it was sent again. */
  async resend(tx: Tx, kind: BookingMessageKind, bookingId: number): Promise<number> {
    return this.recordFor(tx, kind, bookingId, `:resend:${randomUUID()}`, { resent: true })
  }

  private async recordFor(
    tx: Tx,
    kind: BookingMessageKind,
    bookingId: number,
    keySuffix: string,
    more: Record<string, unknown> = {},
    timing: Pick<RecordOptions, 'textAt' | 'emailOnly'> = {},
  ): Promise<number> {
    const row = await this.messages.bookingWithFamily(tx, bookingId)
    if (!row) throw new Error(`No booking ${bookingId}`)
    // The position as it was on joining (or on resending): the message says the same whenever it goes.
    const extra = kind === 'waitlist_joined' ? { waitlistPosition: await this.messages.waitingListPosition(tx, row.booking) } : {}
    return this.insertFor(
      tx,
      kind,
      row.booking,
      row.family,
      null,
      `${kind}:${bookingId}:${row.booking.calendarSequence}${keySuffix}`,
      { ...extra, ...more },
      timing,
    )
  }

  /**
   * `details.previousStartsAt`: when a moved session used to start, so the message can say
   * "was Tue 3 Mar, 10am, now ...". Optional.
   */
  async recordSessionChange(tx: Tx, kind: SessionChangeKind, sessionId: number, details: { previousStartsAt?: Date } = {}): Promise<void> {
    const session = await this.messages.session(tx, sessionId)
    if (!session) throw new Error(`No session ${sessionId}`)
    const statuses = kind === 'session_cancelled' ? (['confirmed', 'offered', 'waiting'] as const) : (['confirmed', 'offered'] as const)
    const rows = await this.messages.bookingsOnCourse(tx, session.courseId, statuses)
    const extra = {
      sessionSequence: session.sequence,
      ...(details.previousStartsAt ? { previousStartsAt: details.previousStartsAt.toISOString() } : {}),
    }
    for (const row of rows) {
      await this.insertFor(
        tx,
        kind,
        row.booking,
        row.family,
        sessionId,
        `${kind}:${row.booking.id}:${sessionId}:${session.sequence}`,
        extra,
      )
    }
  }

  private async insertFor(
    tx: Tx,
    kind: string,
    booking: BookingWithFamily['booking'],
    family: BookingWithFamily['family'],
    sessionId: number | null,
    key: string,
    extra: Record<string, unknown> = {},
    timing: Pick<RecordOptions, 'textAt' | 'emailOnly'> = {},
  ): Promise<number> {
    const values: NewNotification[] = []
    const payload = { calendarSequence: booking.calendarSequence, ...extra }
    const at = this.clock?.()
    if (family.contactByEmail && family.email) {
      values.push({
        dedupeKey: `${key}:email`,
        bookingId: booking.id,
        sessionId,
        channel: 'email',
        kind,
        recipient: family.email,
        payload,
        ...timed(at),
      })
    }
    const emailed = values.length > 0
    if (family.contactBySms && family.phone && !(timing.emailOnly && emailed)) {
      if (!(await this.messages.isOptedOut(tx, family.phone))) {
        values.push({
          dedupeKey: `${key}:sms`,
          bookingId: booking.id,
          sessionId,
          channel: 'sms',
          kind,
          recipient: family.phone,
          payload,
          ...timed(at),
          // An offer made in the quiet hours: its text waits for the morning.
          ...(timing.textAt ? { dueAt: timing.textAt } : {}),
        })
      }
    }
    await this.messages.insert(tx, values)
    return values.length
  }
}

/** With a clock (the demo's simulated past): due, created and updated at its time. */
function timed(at: Date | undefined): Partial<NewNotification> {
  return at ? { dueAt: at, createdAt: at, updatedAt: at } : {}
}
