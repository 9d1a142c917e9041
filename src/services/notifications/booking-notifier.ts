import type { Tx } from '../../db/database.js'

/**
 * The messages a booking's life produces. The booking service records them inside its own
 * transaction (an outbox: a booking and its messages commit together, and neither is lost or
 * rolled back because the mail server is down), then asks for delivery after the commit.
 */
export const bookingMessageKinds = [
  'booking_confirmed',
  'waitlist_joined',
  'place_offered',
  'offer_expired',
  'booking_cancelled',
  'waitlist_left',
] as const
export type BookingMessageKind = (typeof bookingMessageKinds)[number]

export interface BookingNotifier {
  /** Inside the booking transaction: write the notification rows for this event. */
  record(tx: Tx, kind: BookingMessageKind, bookingId: number): Promise<void>
  /** After commit: put a delivery job on the queue (safe to call when nothing was recorded). */
  afterCommit(): Promise<void>
}
