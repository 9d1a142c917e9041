import type { Request, Response } from 'express'
import { z } from 'zod'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { assertCan } from '../../../middleware/require-permission.js'
import { HttpError } from '../../../middleware/error-handler.js'
import { normaliseEmail, parseUkMobile } from '../../../services/booking/contact-details.js'
import { body, idParam, notFoundUnless, text } from '../form-values.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'
import { govukErrors } from '../../forms/zod-errors.js'

const walkInSchema = z
  .object({
    parentName: z.string().min(1, 'Enter the parent or carer’s name'),
    phone: z.string().refine((phone) => !phone || parseUkMobile(phone), 'Enter a UK mobile number, like 07700 900 982'),
    email: z
      .string()
      .refine((email) => !email || normaliseEmail(email), 'Enter an email address in the correct format, like name@example.com'),
    childNames: z.string(),
  })
  .refine((walkIn) => walkIn.phone || walkIn.email, {
    message: 'Enter a mobile number or an email address, so the hub can reach the family',
    path: ['phone'],
    // Checked even when the name is missing, so every problem shows at once.
    when: () => true,
  })

/**
 * A family who walks in to a drop-in without a booking: a place if there is space (the booking
 * service decides, as for any booking), and marked as attended.
 */
export function walkInController(services: Services) {
  const { registers, bookings } = services.staff
  const load = async (req: Request, res: Response) => {
    const context = notFoundUnless(await registers.session(idParam(req, 'sessionId')))
    assertCan(res, 'attendance.record', { hubId: context.course.hubId, facilitatorIds: context.facilitatorIds })
    if (context.course.kind !== 'drop_in') throw new HttpError(404, 'Walk-ins are only for drop-ins')
    return context
  }
  return {
    async view(req: Request, res: Response) {
      const context = await load(req, res)
      renderForm(res, 'pages/staff/sessions/walk-in', { context, values: {}, errors: {} })
    },

    async submit(req: Request, res: Response) {
      const context = await load(req, res)
      const form = body(req)
      const values = {
        parentName: text(form, 'parentName', 200),
        phone: text(form, 'phone', 40),
        email: text(form, 'email', 254),
        childNames: text(form, 'childNames', 300),
      }
      const parsed = walkInSchema.safeParse(values)
      if (!parsed.success)
        return renderForm(res, 'pages/staff/sessions/walk-in', { context, values, errors: govukErrors(parsed.error).fields })
      const phone = values.phone ? parseUkMobile(values.phone) : null
      const email = values.email ? normaliseEmail(values.email) : null
      const user = currentStaff(res)
      const children = values.childNames
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .map((firstName) => ({ firstName }))
      const result = await bookings.walkIn(
        user,
        { parentName: values.parentName, phone: phone ?? null, email: email ?? null, contactByEmail: false, contactBySms: false },
        context.course.id,
        children,
      )
      if (result.outcome === 'confirmed') {
        await registers.recordAttendance(user, context.session.id, context.course.id, new Map([[result.booking.id, 'attended']]))
        keepFlash(req, 'staffNotice', `${values.parentName} added to the register as attended`)
        return res.redirect(paths.staff.sessions.register(context.session.id))
      }
      const message =
        result.outcome === 'full'
          ? 'The drop-in is full: there is no space for a walk-in'
          : result.outcome === 'already_booked'
            ? 'Someone with this phone number or email address is already booked on this drop-in'
            : 'This drop-in is over or cancelled'
      renderForm(res, 'pages/staff/sessions/walk-in', { context, values, errors: { parentName: message } })
    },
  }
}
