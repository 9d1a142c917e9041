import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { calendarLinks } from '../../services/booking/calendar-links.js'
import { formatUkPhone } from '../../services/booking/contact-details.js'
import { paths } from '../../paths.js'
import type { BookingDetails } from '../../services/booking/booking-service.js'
import type { Translate } from '../../i18n/translator.js'

/** Step 6: the confirmation panel with the reference, dates, hub, calendar links and manage link. */
export function confirmation(services: Services) {
  return async (req: Request, res: Response) => {
    const courseId = Number(req.params.courseId)
    const done = req.session.bookingResult
    if (!done || done.courseId !== courseId) return res.redirect(paths.booking.start(courseId))
    const details = await services.booking.details(done.bookingId)
    if (!details) return res.redirect(paths.booking.start(courseId))
    const manageUrl = `${services.config.baseUrl}${paths.manage.show(details.manageToken)}`
    res.render('pages/booking/confirmation', {
      details,
      phone: details.booking.contactPhone ? formatUkPhone(details.booking.contactPhone) : null,
      manageUrl,
      // The private manage link stays out of these: they are URLs handed to Google and Microsoft.
      calendar: details.booking.status === 'confirmed' ? calendarLinks(details.course, calendarNote(details, req.t)) : [],
      offerHours: services.config.waitingList.offerHours,
      // On the waiting list, but a run they said suits them has places now: say so (issue 10).
      placesNow: details.booking.status === 'waiting' ? await services.booking.programmeQueue.suitableRunsWithPlaces(details.booking) : [],
    })
  }
}

function calendarNote(details: BookingDetails, t: Translate): string {
  const hub = details.course.hub
  const reference = t('booking:calendar.noteReference', { reference: details.booking.reference })
  return [reference, hub ? t('booking:calendar.noteHub', { hub: hub.name, phone: hub.phone }) : ''].filter(Boolean).join(' ')
}
