import type { BookingNotifier } from '../notifications/booking-notifier.js'
import type { ReminderService } from './reminder-service.js'

/**
 * The booking notifier, with reminders kept in step in the same transaction: a confirmed booking
 * (online, by staff, or an accepted offer) gets its reminders planned, a cancelled one has its
 * pending reminders cancelled, and a session that moved or was cancelled has its reminders moved
 * or cancelled. Every other method is the notifier's own (the result inherits from it), so the
 * booking and staff services keep calling the one notifier they know. `clock` is the demo-data
 * generator's simulated time (reminders planned as they were then); the app passes none.
 */
export function notifierWithReminders<T extends BookingNotifier>(notifier: T, reminders: ReminderService, clock?: () => Date): T {
  const wrapped = Object.create(notifier) as T
  const inner: BookingNotifier = notifier
  // Every argument is passed on as given, so the notifier's own options keep working.
  wrapped.record = async (...args: Parameters<BookingNotifier['record']>) => {
    const [tx, kind, bookingId] = args
    await inner.record(...args)
    if (kind === 'booking_confirmed') await reminders.scheduleForBooking(tx, bookingId, clock?.())
    if (kind === 'booking_cancelled') await reminders.cancelForBooking(tx, bookingId)
  }
  wrapped.recordSessionChange = async (...args: Parameters<BookingNotifier['recordSessionChange']>) => {
    const [tx, , sessionId] = args
    await inner.recordSessionChange(...args)
    await reminders.rescheduleSession(tx, sessionId, clock?.())
  }
  return wrapped
}
