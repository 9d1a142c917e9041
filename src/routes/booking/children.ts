import type { Request, Response } from 'express'
import { paths } from '../../paths.js'
import { availabilityOf } from './load-course.js'
import { takeFormErrors } from '../../middleware/flash.js'
import { sentBack } from './validation/validation-result.js'
import { nextUrl, type BookingJourney } from './journey-state.js'
import { validateAddAnother, validateChild } from './validation/child-validation.js'
import { childDescriber } from './describe-child.js'
import { renderForm } from '../forms/render-form.js'

const MAX_CHILDREN = 10

/** Step 3: the children (optional, repeatable), as GOV.UK's "add another" pattern. */
export const children = {
  view(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    const kept = takeFormErrors(req, req.path)
    renderForm(res, 'pages/booking/children', {
      course: availabilityOf(res).course,
      children: journey.children,
      describeChild: childDescriber(req),
      canAddMore: journey.children.length < MAX_CHILDREN,
      maxChildren: MAX_CHILDREN,
      errors: kept?.errors ?? {},
    })
  },

  submit(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    if (journey.children.length >= MAX_CHILDREN) {
      journey.childrenDone = true
      return res.redirect(nextUrl(journey))
    }
    const result = validateAddAnother(req.body, journey.children.length > 0, req.t)
    if (sentBack(req, res, result, paths.booking.children(journey.courseId))) return
    if (result.value) return res.redirect(paths.booking.addChild(journey.courseId))
    journey.childrenDone = true
    res.redirect(nextUrl(journey))
  },

  addView(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    if (journey.children.length >= MAX_CHILDREN) return res.redirect(paths.booking.children(journey.courseId))
    const kept = takeFormErrors(req, req.path)
    renderForm(res, 'pages/booking/add-child', {
      course: availabilityOf(res).course,
      errors: kept?.errors ?? {},
      values: kept?.values ?? {},
    })
  },

  addSubmit(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    if (journey.children.length >= MAX_CHILDREN) return res.redirect(paths.booking.children(journey.courseId))
    const result = validateChild(req.body, new Date(), req.t)
    if (sentBack(req, res, result, paths.booking.addChild(journey.courseId))) return
    journey.children.push(result.value)
    // Back to the list, which asks whether there is another.
    journey.childrenDone = false
    res.redirect(paths.booking.children(journey.courseId))
  },

  remove(req: Request, res: Response) {
    const journey = res.locals.journey as BookingJourney
    const index = Number(req.params.childIndex)
    if (Number.isInteger(index) && index >= 0 && index < journey.children.length) journey.children.splice(index, 1)
    journey.childrenDone = false
    res.redirect(paths.booking.children(journey.courseId))
  },
}
