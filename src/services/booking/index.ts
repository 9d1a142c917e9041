import type { DataAccess } from '../../data/index.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { BookingNotifier } from '../notifications/booking-notifier.js'
import { BookingService } from './booking-service.js'
import { FindMyBookingsService } from './find-my-bookings-service.js'
import { CalendarDownload } from './calendar-download.js'
import { NewDatesService } from '../new-dates/new-dates-service.js'

/** The booking services (part of the services() composition root). */
export function bookingServices(data: DataAccess, unitOfWork: UnitOfWork, notifier: BookingNotifier) {
  const db = data.database.db
  const newDates = new NewDatesService(db, data.booking.newDates, unitOfWork, data.config.sessionSecret, {
    start: data.config.reminders.quietHoursStart,
    end: data.config.reminders.quietHoursEnd,
  })
  const booking = new BookingService({
    newDates,
    db,
    bookings: data.booking.bookings,
    families: data.booking.families,
    notifier,
    unitOfWork,
    config: data.config,
    openOffers: data.booking.openOffers,
  })
  return {
    booking,
    findMyBookings: new FindMyBookingsService(db, unitOfWork, data.booking.bookings, data.booking.accessLinks, booking, data.config),
    // "Tell me about new dates": subscribe, unsubscribe (issue 10).
    newDates,
    calendarDownload: new CalendarDownload(data.booking.messageContext, data.config),
    /** Counters shared by every web process (PostgreSQL): booking form posts, "find my bookings". */
    rateLimits: data.booking.rateLimits,
  }
}
