import type { RequestHandler } from 'express'
import type { Services } from '../../services/index.js'
import type { CourseAvailability } from '../../services/booking/booking-service.js'

declare module 'express-serve-static-core' {
  interface Locals {
    availability?: CourseAvailability
  }
}

/** Loads the course named in the URL and whether it can be booked; an unknown course is a 404. */
export function loadCourse(services: Services): RequestHandler {
  return async (req, res, next) => {
    const courseId = Number(req.params.courseId)
    const availability = Number.isSafeInteger(courseId) && courseId > 0 ? await services.booking.availability(courseId) : undefined
    if (!availability) return res.status(404).render('pages/errors/not-found')
    res.locals.availability = availability
    next()
  }
}

export function availabilityOf(res: { locals: { availability?: CourseAvailability } }): CourseAvailability {
  if (!res.locals.availability) throw new Error('loadCourse must run first')
  return res.locals.availability
}
