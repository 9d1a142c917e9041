import type { Request, Response } from 'express'
import { formatUkPhone } from '../../services/booking/contact-details.js'
import { paths } from '../../paths.js'
import { availabilityOf } from './load-course.js'
import { takeFormErrors } from '../../middleware/flash.js'
import { sentBack } from './validation/validation-result.js'
import { nextUrl, type BookingJourney } from './journey-state.js'
import { validateDetails } from './validation/details-validation.js'
import { renderForm } from '../forms/render-form.js'

/** Step 1: "Your details". */
export const yourDetails = {
  view(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    const kept = takeFormErrors(req, req.path)
    const saved = journey.details
    renderForm(res, 'pages/booking/your-details', {
      course: availabilityOf(res).course,
      errors: kept?.errors ?? {},
      values: kept?.values ?? {
        fullName: saved?.fullName,
        email: saved?.email,
        phone: saved?.phone ? formatUkPhone(saved.phone) : undefined,
      },
    })
  },

  submit(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    const result = validateDetails(req.body, req.t)
    if (sentBack(req, res, result, paths.booking.yourDetails(journey.courseId))) return
    journey.details = result.value
    // A contact taken away can no longer be a way to reach them.
    if (journey.contact) {
      journey.contact = {
        byEmail: journey.contact.byEmail && Boolean(result.value.email),
        bySms: journey.contact.bySms && Boolean(result.value.phone),
      }
    }
    res.redirect(nextUrl(journey))
  },
}
