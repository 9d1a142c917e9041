import type { Request, Response } from 'express'
import { availabilityOf } from './load-course.js'

/**
 * Pages for requests that cannot become a booking. "Already booked" shows only what anyone may see
 * (the course) and that the email or phone number has a place or queue entry on it: whoever typed
 * the address may not own it, so the booking itself is reached through the emailed link.
 */
export const outcomePages = {
  alreadyBooked(req: Request, res: Response) {
    const availability = availabilityOf(res)
    if (req.session.alreadyBookedCourseId !== availability.course.course.id) {
      return res.status(404).render('pages/errors/not-found')
    }
    res.render('pages/booking/already-booked', {
      course: availability.course,
      hasJourney: req.session.bookingJourney?.courseId === availability.course.course.id,
    })
  },

  referralOnly(_req: Request, res: Response) {
    res.render('pages/booking/referral-only', { course: availabilityOf(res).course })
  },

  closed(_req: Request, res: Response) {
    res.render('pages/booking/closed', { course: availabilityOf(res).course })
  },
}
