import { randomUUID } from 'node:crypto'
import type { Request, Response } from 'express'
import { z } from 'zod'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { assertCan } from '../../../middleware/require-permission.js'
import { can } from '../../../services/staff/policy.js'
import { HttpError } from '../../../middleware/error-handler.js'
import { body, idParam, notFoundUnless, text, refuseIfErased } from '../form-values.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'
import { validateForm } from '../../forms/validate-form.js'
import { alsoSuitableFrom } from '../../booking/also-suitable.js'

const REQUEST_KEY = /^[0-9a-f-]{36}$/
const overbookSchema = z.object({ overbookReason: z.string().min(1, 'Enter why this family needs a place over the limit') })

/**
 * Reception books for a family: pick a course or drop-in, then a place, the waiting list, or (for
 * hub managers and admins, at a full course) a place over capacity with a reason. The booking
 * service decides; this page only says what it decided.
 */
export function bookController(services: Services) {
  const { families, bookings } = services.staff
  return {
    async choose(req: Request, res: Response) {
      const family = refuseIfErased(notFoundUnless((await families.record(idParam(req, 'familyId')))?.family))
      const user = currentStaff(res)
      const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : ''
      const courses = await bookings.bookable({ text: q || undefined, hubIds: user.role === 'hub_manager' ? user.hubIds : undefined })
      res.render('pages/staff/families/book', { family, courses, q, requestKey: randomUUID() })
    },

    async submit(req: Request, res: Response) {
      const familyId = idParam(req, 'familyId')
      const family = refuseIfErased(notFoundUnless((await families.record(familyId))?.family))
      const form = body(req)
      const courseId = Number(text(form, 'courseId', 9))
      const course = notFoundUnless(Number.isInteger(courseId) && courseId > 0 ? await bookings.courseSummary(courseId) : undefined)
      const hub = { hubId: course.course.hubId }
      assertCan(res, 'bookings.manage', hub)
      const user = currentStaff(res)
      const action = text(form, 'action', 20)
      const key = text(form, 'requestKey', 36)
      const requestKey = REQUEST_KEY.test(key) ? key : undefined
      const overbookReason = text(form, 'overbookReason', 500)
      if (action === 'overbook') {
        assertCan(res, 'bookings.overbook', hub)
        const checked = validateForm(overbookSchema, { overbookReason })
        if (!checked.ok)
          return renderForm(res, 'pages/staff/families/full', {
            family,
            course,
            canOverbook: true,
            otherRuns: await services.booking.programmeQueue.otherRuns(courseId),
            requestKey: randomUUID(),
            errors: checked.errors,
          })
      }
      const result =
        action === 'waiting'
          ? await bookings.joinWaitingList(user, familyId, courseId, {
              ...(requestKey ? { requestKey } : {}),
              alsoSuitable: alsoSuitableFrom(req),
            })
          : await bookings.book(user, familyId, courseId, {
              ...(requestKey ? { requestKey } : {}),
              ...(action === 'overbook' ? { overbookReason } : {}),
            })
      switch (result.outcome) {
        case 'confirmed':
          keepFlash(req, 'staffNotice', `Place booked: ${result.booking.reference}`)
          return res.redirect(paths.staff.bookings.show(result.booking.id))
        case 'waiting':
          keepFlash(req, 'staffNotice', `Added to the waiting list (number ${result.position} in line): ${result.booking.reference}`)
          return res.redirect(paths.staff.bookings.show(result.booking.id))
        case 'full':
          return renderForm(res, 'pages/staff/families/full', {
            family,
            course,
            canOverbook: can(user, 'bookings.overbook', hub),
            // Other runs of the programme the family would take too (one queue spanning them).
            otherRuns: await services.booking.programmeQueue.otherRuns(courseId),
            requestKey: randomUUID(),
            errors: {},
          })
        case 'already_booked':
          return res.render('pages/staff/families/already-booked', { family, course, booking: result.booking })
        case 'closed':
        case 'referral_only':
          return res
            .status(409)
            .render('pages/errors/client-error', { status: 409, message: 'Booking for this course or drop-in is closed.' })
        case 'no_such_course':
          throw new HttpError(404, 'Not found')
      }
    },
  }
}
