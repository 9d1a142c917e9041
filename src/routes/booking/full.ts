import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { paths } from '../../paths.js'
import { availabilityOf } from './load-course.js'
import { field } from '../forms/fields.js'
import { alsoSuitableFrom } from './also-suitable.js'
import { firstMissingStep, type BookingJourney } from './journey-state.js'
import { alreadyFinished, bookInput, redirectForResult } from './booking-request.js'
import { countCompletedBooking, refuseOverBookingLimits } from '../../middleware/rate-limit.js'

/** The last place went while the parent was answering: offer the waiting list, same answers. */
export function fullCourse(services: Services) {
  return {
    async view(_req: Request, res: Response) {
      const journey = res.locals.journey as BookingJourney
      const otherRuns = await services.booking.programmeQueue.otherRuns(journey.courseId)
      res.render('pages/booking/full', { course: availabilityOf(res).course, requestKey: journey.requestKey, otherRuns, chosen: [] })
    },

    async submit(req: Request, res: Response) {
      const courseId = Number(req.params.courseId)
      const requestKey = field(req.body, 'requestKey')
      if (alreadyFinished(req, courseId, requestKey)) return res.redirect(paths.booking.confirmation(courseId))
      const journey = req.session.bookingJourney
      if (!journey || journey.courseId !== courseId || firstMissingStep(journey) !== 'check')
        return res.redirect(paths.booking.start(courseId))
      if (requestKey !== journey.requestKey) return res.redirect(paths.booking.full(courseId))
      const contacts = { email: journey.details?.email ?? null, phone: journey.details?.phone ?? null }
      if (await refuseOverBookingLimits(services.rateLimits, req, res, contacts)) return
      const result = await services.booking.joinWaitingList({ ...bookInput(journey, req.language), alsoSuitable: alsoSuitableFrom(req) })
      if (result.outcome === 'confirmed' || result.outcome === 'waiting') await countCompletedBooking(services.rateLimits, req, contacts)
      redirectForResult(req, res, journey, result)
    },
  }
}
