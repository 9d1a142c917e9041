import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { formatUkPhone } from '../../services/booking/contact-details.js'
import { paths } from '../../paths.js'
import { availabilityOf } from './load-course.js'
import { field } from '../forms/fields.js'
import { alsoSuitableFrom } from './also-suitable.js'
import { firstMissingStep, stepUrl, type BookingJourney } from './journey-state.js'
import { alreadyFinished, bookInput, redirectForResult } from './booking-request.js'
import { childDescriber } from './describe-child.js'
import { ageWarnings } from './age-warnings.js'
import { countCompletedBooking, refuseOverBookingLimits } from '../../middleware/rate-limit.js'

/** Step 5: "Check your answers", then book (or join the waiting list when the course is full). */
export function checkAnswers(services: Services) {
  return {
    async view(req: Request, res: Response) {
      const journey = res.locals.journey as BookingJourney
      const availability = availabilityOf(res)
      // Joining the waiting list: which other runs of the programme would suit them (issue 10).
      const otherRuns = availability.state === 'full' ? await services.booking.programmeQueue.otherRuns(journey.courseId) : []
      res.render('pages/booking/check-answers', {
        otherRuns,
        chosen: [],
        course: availability.course,
        joiningWaitingList: availability.state === 'full',
        journey,
        describeChild: childDescriber(req),
        ageWarnings: ageWarnings(availability.course, journey.children, req.language),
        phone: journey.details?.phone ? formatUkPhone(journey.details.phone) : null,
      })
    },

    async submit(req: Request, res: Response) {
      const courseId = Number(req.params.courseId)
      const requestKey = field(req.body, 'requestKey')
      if (alreadyFinished(req, courseId, requestKey)) return res.redirect(paths.booking.confirmation(courseId))
      const journey = req.session.bookingJourney
      if (!journey || journey.courseId !== courseId) return res.redirect(paths.booking.start(courseId))
      if (firstMissingStep(journey) !== 'check') return res.redirect(stepUrl(firstMissingStep(journey), courseId))
      // A form from an earlier journey on this course (an old tab): show the answers as they are now.
      if (requestKey !== journey.requestKey) return res.redirect(paths.booking.check(courseId))
      const contacts = { email: journey.details?.email ?? null, phone: journey.details?.phone ?? null }
      if (await refuseOverBookingLimits(services.rateLimits, req, res, contacts)) return
      const input = { ...bookInput(journey, req.language), alsoSuitable: alsoSuitableFrom(req) }
      const result =
        field(req.body, 'intent') === 'join' ? await services.booking.joinWaitingList(input) : await services.booking.book(input)
      if (result.outcome === 'confirmed' || result.outcome === 'waiting') await countCompletedBooking(services.rateLimits, req, contacts)
      redirectForResult(req, res, journey, result)
    },
  }
}
