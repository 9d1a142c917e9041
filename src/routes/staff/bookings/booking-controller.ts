import type { Request, Response } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { assertCan } from '../../../middleware/require-permission.js'
import { can } from '../../../services/staff/policy.js'
import { body, idParam, notFoundUnless, text } from '../form-values.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'

/** One booking or queue entry: cancel, move from the queue into a place, change course, resend. */
export function bookingController(services: Services) {
  const { bookings } = services.staff
  /** The booking, after checking this member of staff may act on bookings at its hub. */
  const load = async (req: Request, res: Response) => {
    const details = notFoundUnless(await bookings.details(idParam(req, 'bookingId')))
    assertCan(res, 'bookings.manage', { hubId: details.course.course.hubId })
    return details
  }
  /** Courses this member of staff can move the booking to. */
  const choices = async (res: Response, currentCourseId: number) => {
    const user = currentStaff(res)
    const rows = await bookings.bookable({ hubIds: user.role === 'hub_manager' ? user.hubIds : undefined })
    return rows.filter((row) => row.course.id !== currentCourseId)
  }
  const done = (req: Request, res: Response, bookingId: number, message: string) => {
    keepFlash(req, 'staffNotice', message)
    res.redirect(paths.staff.bookings.show(bookingId))
  }
  return {
    async view(req: Request, res: Response) {
      const details = await load(req, res)
      renderForm(res, 'pages/staff/bookings/show', {
        ...details,
        canOverbook: can(currentStaff(res), 'bookings.overbook', { hubId: details.course.course.hubId }),
        errors: {},
      })
    },

    async cancel(req: Request, res: Response) {
      const { booking } = await load(req, res)
      const user = currentStaff(res)
      const reason = text(body(req), 'reason', 500) || null
      const result =
        booking.status === 'waiting' ? await bookings.leaveWaitingList(user, booking.id) : await bookings.cancel(user, booking.id, reason)
      const ok = result.outcome === 'cancelled' || result.outcome === 'left'
      done(
        req,
        res,
        booking.id,
        ok
          ? booking.status === 'waiting'
            ? 'Taken off the waiting list'
            : 'Booking cancelled. The place has been offered to the waiting list.'
          : 'This booking could not be cancelled: it has already ended',
      )
    },

    async promote(req: Request, res: Response) {
      const details = await load(req, res)
      const reason = text(body(req), 'overbookReason', 500)
      if (reason) assertCan(res, 'bookings.overbook', { hubId: details.course.course.hubId })
      const result = await bookings.promote(currentStaff(res), details.booking.id, reason || undefined)
      if (result.outcome === 'full') {
        const canOverbook = can(currentStaff(res), 'bookings.overbook', { hubId: details.course.course.hubId })
        return renderForm(res, 'pages/staff/bookings/show', {
          ...details,
          canOverbook,
          errors: {
            overbookReason: canOverbook
              ? 'The course is full. To give this family a place over the limit, enter why.'
              : 'The course is full. Ask a hub manager if this family needs a place over the limit.',
          },
        })
      }
      done(
        req,
        res,
        details.booking.id,
        result.outcome === 'confirmed' ? 'Moved from the waiting list into a place' : 'This family is no longer on the waiting list',
      )
    },

    async resend(req: Request, res: Response) {
      const { booking } = await load(req, res)
      const sent = await bookings.resend(currentStaff(res), booking.id)
      done(
        req,
        res,
        booking.id,
        sent > 0 ? 'Confirmation sent again' : 'Nothing sent: the family has not agreed to emails or text messages',
      )
    },

    async change(req: Request, res: Response) {
      const details = await load(req, res)
      const courses = await choices(res, details.booking.courseId)
      renderForm(res, 'pages/staff/bookings/change', { ...details, courses, errors: {}, canOverbook: false, chosen: undefined })
    },

    async changeSubmit(req: Request, res: Response) {
      const details = await load(req, res)
      const form = body(req)
      const toCourseId = Number(text(form, 'courseId', 9))
      const chosen = Number.isInteger(toCourseId) && toCourseId > 0 ? await bookings.courseSummary(toCourseId) : undefined
      if (!chosen) {
        // Nothing chosen (or a course that has gone since the page was drawn): ask again, not a 404.
        res.status(400)
        const courses = await choices(res, details.booking.courseId)
        return renderForm(res, 'pages/staff/bookings/change', {
          ...details,
          courses,
          errors: { courseId: 'Select the course to move this booking to' },
          canOverbook: false,
          chosen: undefined,
        })
      }
      const target = chosen
      assertCan(res, 'bookings.manage', { hubId: target.course.hubId })
      const reason = text(form, 'overbookReason', 500)
      if (reason) assertCan(res, 'bookings.overbook', { hubId: target.course.hubId })
      const result = await bookings.change(currentStaff(res), details.booking.id, toCourseId, reason || undefined)
      if (result.outcome === 'changed')
        return done(req, res, result.booking.id, `Moved to ${target.programme.title}: new reference ${result.booking.reference}`)
      const canOverbook = can(currentStaff(res), 'bookings.overbook', { hubId: target.course.hubId })
      const cannotChange = 'This booking has ended, so it cannot be changed. Book a new place from the family’s record.'
      const messages: Record<Exclude<typeof result.outcome, 'changed'>, string> = {
        full: canOverbook
          ? 'That course is full. Choose it again with a reason to book over the limit, or choose another.'
          : 'That course is full. Choose another, or add the family to its waiting list from their record.',
        already_booked: 'The family already has a place or a waiting-list entry on that course',
        same_course: 'The family is already on that course: choose another',
        not_allowed: cannotChange,
        no_such_booking: cannotChange,
        closed: 'That course cannot be booked now',
        no_such_course: 'That course cannot be booked now',
      }
      const message = messages[result.outcome]
      const courses = await choices(res, details.booking.courseId)
      renderForm(res, 'pages/staff/bookings/change', {
        ...details,
        courses,
        errors: { courseId: message },
        canOverbook: canOverbook && result.outcome === 'full',
        chosen: toCourseId,
      })
    },
  }
}
