import type { Request, Response } from 'express'
import { formatUkPhone } from '../../services/booking/contact-details.js'
import { paths } from '../../paths.js'
import { availabilityOf } from './load-course.js'
import { takeFormErrors } from '../../middleware/flash.js'
import { sentBack } from './validation/validation-result.js'
import { nextUrl, type BookingJourney } from './journey-state.js'
import { validateContact } from './validation/contact-validation.js'
import { renderForm } from '../forms/render-form.js'

/** Step 2: "How we may contact you", offering only the contacts they gave. */
export const contactPreferences = {
  view(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    const kept = takeFormErrors(req, req.path)
    const details = journey.details!
    const chosen = journey.contact ? [journey.contact.byEmail ? 'email' : '', journey.contact.bySms ? 'sms' : ''].filter(Boolean) : []
    renderForm(res, 'pages/booking/contact-preferences', {
      course: availabilityOf(res).course,
      email: details.email,
      phone: details.phone ? formatUkPhone(details.phone) : null,
      errors: kept?.errors ?? {},
      values: kept?.values ?? { contactBy: chosen },
    })
  },

  submit(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    const details = journey.details!
    const result = validateContact(req.body, { email: Boolean(details.email), sms: Boolean(details.phone) }, req.t)
    if (sentBack(req, res, result, paths.booking.contact(journey.courseId))) return
    journey.contact = result.value
    res.redirect(nextUrl(journey))
  },
}
