import type { RequestHandler } from 'express'
import type { Services } from '../../services/index.js'
import type { BookingDetails } from '../../services/booking/booking-service.js'
import { languageChosen, renderIn } from '../../middleware/language.js'

declare module 'express-serve-static-core' {
  interface Locals {
    managed?: BookingDetails
  }
}

/**
 * Finds the booking a manage link opens. A wrong or old token gets the same helpful 404 whatever
 * was wrong with it, so the page says nothing about which bookings exist.
 */
export function loadBooking(services: Services): RequestHandler {
  return async (req, res, next) => {
    const booking = await services.booking.findByManageToken(String(req.params.token ?? ''))
    const details = booking ? await services.booking.details(booking.id) : undefined
    if (!details) return res.status(404).render('pages/manage/link-not-found')
    res.locals.managed = details
    // Opened from an email or text, with no language chosen in this visit: the family's own language.
    if (!languageChosen(req)) renderIn(req, res, details.booking.language)
    // The page is private to whoever holds the link: no caching on the way.
    res.set('Cache-Control', 'no-store')
    next()
  }
}

export function managedBooking(res: { locals: { managed?: BookingDetails } }): BookingDetails {
  if (!res.locals.managed) throw new Error('loadBooking must run first')
  return res.locals.managed
}
