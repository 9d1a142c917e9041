import type { Request, Response } from 'express'
import { paths } from '../../paths.js'
import { availabilityOf } from './load-course.js'
import { takeFormErrors } from '../../middleware/flash.js'
import { sentBack } from './validation/validation-result.js'
import { nextUrl, type BookingJourney } from './journey-state.js'
import { validateSupport } from './validation/support-validation.js'
import { renderForm } from '../forms/render-form.js'

/** Step 4: "Support you need". */
export const support = {
  view(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    const kept = takeFormErrors(req, req.path)
    const saved = journey.support
    const savedChoices = saved
      ? [
          saved.interpreterLanguage ? 'interpreter' : '',
          saved.stepFree ? 'stepFree' : '',
          saved.childcare ? 'childcare' : '',
          saved.other ? 'other' : '',
        ].filter(Boolean)
      : []
    renderForm(res, 'pages/booking/support', {
      course: availabilityOf(res).course,
      errors: kept?.errors ?? {},
      values: kept?.values ?? {
        support: saved && savedChoices.length === 0 ? ['none'] : savedChoices,
        interpreterLanguage: saved?.interpreterLanguage,
        otherSupport: saved?.other,
      },
    })
  },

  submit(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    const result = validateSupport(req.body, req.t)
    if (sentBack(req, res, result, paths.booking.support(journey.courseId))) return
    journey.support = result.value
    res.redirect(nextUrl(journey))
  },
}
