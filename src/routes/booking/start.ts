import type { Request, Response } from 'express'
import { paths } from '../../paths.js'
import { availabilityOf } from './load-course.js'
import { newJourney, nextUrl } from './journey-state.js'

/** "Book a place" on the course page lands here: start (or resume) the journey for this course. */
export function start(req: Request, res: Response) {
  const availability = availabilityOf(res)
  const courseId = availability.course.course.id
  if (availability.state === 'closed') return res.redirect(paths.booking.closed(courseId))
  if (availability.state === 'referral_only') return res.redirect(paths.booking.referralOnly(courseId))
  if (req.session.bookingJourney?.courseId !== courseId) req.session.bookingJourney = newJourney(courseId)
  res.redirect(nextUrl(req.session.bookingJourney))
}
