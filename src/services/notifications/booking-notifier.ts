import type { Tx } from '../../db/database.js'

/**
 * The messages a booking's life produces. The booking service records them inside its own
 * transaction (an outbox: a booking and its messages commit together, and neither is lost or
 * rolled back because the mail server is down); the unit of work wakes delivery after the commit.
 */
export const bookingMessageKinds = [
  'booking_confirmed',
  'waitlist_joined',
  'place_offered',
  'offer_expired',
  'booking_cancelled',
  'waitlist_left',
  // Open offers (services/booking/open-offers.ts): a place for whoever accepts first, and "it has gone".
  'place_open_offer',
  'place_gone',
] as const
export type BookingMessageKind = (typeof bookingMessageKinds)[number]

/** Messages about a session that changed after families booked it. */
export const sessionChangeKinds = ['session_moved', 'session_cancelled'] as const
export type SessionChangeKind = (typeof sessionChangeKinds)[number]

/**
 * For offers: `key` tells one open offer's messages from another's; `textAt` holds the text until
 * the quiet hours end; `emailOnly` leaves the text out when the family has email (an offer made at
 * night that would end before a morning text); `payload` goes to the templates.
 */
export interface RecordOptions {
  key?: string
  textAt?: Date
  emailOnly?: boolean
  payload?: Record<string, unknown>
}

export interface BookingNotifier {
  /** Inside the booking transaction: write the notification rows for this event. */
  record(tx: Tx, kind: BookingMessageKind, bookingId: number, options?: RecordOptions): Promise<void>
  /**
   * Inside the transaction that moved or cancelled a session: a message to every family holding a
   * place on its course (and, for a cancelled session, the course's waiting list). Call it after
   * raising sessions.sequence (the invite's SEQUENCE); pass when a moved session used to start so
   * the message can say so.
   */
  recordSessionChange(tx: Tx, kind: SessionChangeKind, sessionId: number, details?: { previousStartsAt?: Date }): Promise<void>
  /**
   * Staff's "send it again": the same message as record() writes, on the same channels (what the
   * family agreed to, never a number that replied STOP), under a dedupe key of its own so that it
   * is a new message. Returns how many rows (channels) were written; 0 when the family has none.
   */
  resend(tx: Tx, kind: BookingMessageKind, bookingId: number): Promise<number>
}
