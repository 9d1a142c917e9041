import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { formatUkPhone } from '../../services/booking/contact-details.js'
import { managedBooking } from './load-booking.js'
import { takeFlash } from '../../middleware/flash.js'
import { otherRunsSummary } from './other-runs.js'

/** The manage page: the booking, its status, and what can be done now. */
export function showBooking(services: Services) {
  return async (req: Request, res: Response) => {
    const details = managedBooking(res)
    const firstSession = details.course.sessions.find((s) => !s.cancelledAt)
    res.render('pages/manage/show', {
      details,
      phone: details.booking.contactPhone ? formatUkPhone(details.booking.contactPhone) : null,
      notice: takeFlash(req, 'bookingNotice', String(details.booking.id)),
      hasStarted: firstSession ? firstSession.startsAt <= new Date() : true,
      offerHours: services.config.waitingList.offerHours,
      openOffer: await services.booking.liveOpenOfferFor(details.booking),
      calendarFeed: await services.calendarFeeds.linksFor({ kind: 'family', familyId: details.booking.familyId }),
      // Waiting: which other runs of the programme they would take, and a link to change them.
      otherRuns: await otherRunsSummary(services, details),
    })
  }
}
