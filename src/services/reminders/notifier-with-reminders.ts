import type { BookingNotifier } from '../notifications/booking-notifier.js'
import type { ReminderService } from './reminder-service.js'

/**
 * The booking notifier, with reminders kept in step in the same transaction: a confirmed booking
 * (online, by staff, or an accepted offer) gets its reminders planned, a cancelled one has its
 * pending reminders cancelled, and a session that moved or was cancelled has its reminders moved
 * or cancelled. Every other method is the notifier's own (the result inherits from it), so the
 * booking and staff services keep calling the one notifier they know.
 */
export function notifierWithReminders<T extends BookingNotifier>(notifier: T, reminders: ReminderService): T {
  const wrapped = Object.create(notifier) as T
  wrapped.record = async (tx, kind, bookingId) => {
    await notifier.record(tx, kind, bookingId)
    if (kind === 'booking_confirmed') await reminders.scheduleForBooking(tx, bookingId)
    if (kind === 'booking_cancelled') await reminders.cancelForBooking(tx, bookingId)
  }
  wrapped.recordSessionChange = async (tx, kind, sessionId) => {
    await notifier.recordSessionChange(tx, kind, sessionId)
    await reminders.rescheduleSession(tx, sessionId)
  }
  return wrapped
}
