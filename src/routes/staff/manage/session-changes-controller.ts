import type { Request, Response } from 'express'
import { DateTime } from 'luxon'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { assertCan } from '../../../middleware/require-permission.js'
import { z } from 'zod'
import { LONDON, londonTimeProblem } from '../../../time.js'
import { body, idParam, list, notFoundUnless, text } from '../form-values.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'
import { validateForm } from '../../forms/validate-form.js'
import { isIsoDate, isoDateSchema, TIME, timeSchema } from '../staff-fields.js'

const moveSchema = z
  .object({
    date: isoDateSchema,
    startTime: timeSchema('Enter the start time like 10:00'),
    endTime: timeSchema('Enter the end time like 12:00'),
    room: z.string(),
  })
  // A time the clocks skip in March never comes: say so rather than fail.
  .superRefine((answer, ctx) => {
    if (!isIsoDate(answer.date)) return
    for (const key of ['startTime', 'endTime'] as const) {
      const problem = TIME.test(answer[key]) ? londonTimeProblem(answer.date, answer[key]) : undefined
      if (problem) return ctx.addIssue({ code: 'custom', path: [key], message: problem })
    }
  })

/** Moving or cancelling one session (families are told), and its facilitators. */
export function sessionChangesController(services: Services) {
  const { catalogue, registers } = services.staff
  const load = async (req: Request, res: Response) => {
    const context = notFoundUnless(await registers.session(idParam(req, 'sessionId')))
    assertCan(res, 'courses.manage', { hubId: context.course.hubId })
    return context
  }
  const moveValues = (startsAt: Date, endsAt: Date, room: string | null) => {
    const start = DateTime.fromJSDate(startsAt, { zone: LONDON })
    return {
      date: start.toISODate(),
      startTime: start.toFormat('HH:mm'),
      endTime: DateTime.fromJSDate(endsAt, { zone: LONDON }).toFormat('HH:mm'),
      room: room ?? '',
    }
  }
  return {
    async cancel(req: Request, res: Response) {
      const context = await load(req, res)
      renderForm(res, 'pages/staff/manage/cancel-session', { context, errors: {} })
    },

    async cancelSubmit(req: Request, res: Response) {
      const context = await load(req, res)
      const result = await catalogue.cancelSession(currentStaff(res), context.session.id)
      if (!result.ok) return renderForm(res, 'pages/staff/manage/cancel-session', { context, errors: { confirm: result.message } })
      keepFlash(req, 'staffNotice', 'Session cancelled. Booked families and the waiting list are being told.')
      res.redirect(paths.staff.courses.show(context.course.id))
    },

    async move(req: Request, res: Response) {
      const context = await load(req, res)
      renderForm(res, 'pages/staff/manage/move-session', {
        context,
        values: moveValues(context.session.startsAt, context.session.endsAt, context.session.room),
        errors: {},
      })
    },

    async moveSubmit(req: Request, res: Response) {
      const context = await load(req, res)
      const form = body(req)
      const values = {
        date: text(form, 'date', 10),
        startTime: text(form, 'startTime', 5),
        endTime: text(form, 'endTime', 5),
        room: text(form, 'room', 100),
      }
      const checked = validateForm(moveSchema, values)
      if (!checked.ok) return renderForm(res, 'pages/staff/manage/move-session', { context, values, errors: checked.errors })
      const result = await catalogue.moveSession(currentStaff(res), context.session.id, { ...values, room: values.room || null })
      if (!result.ok) return renderForm(res, 'pages/staff/manage/move-session', { context, values, errors: { date: result.message } })
      keepFlash(req, 'staffNotice', 'Session moved. Booked families are being sent the new time.')
      res.redirect(paths.staff.courses.show(context.course.id))
    },

    async facilitators(req: Request, res: Response) {
      const context = await load(req, res)
      const choices = new Set((await catalogue.facilitatorChoices()).map((f) => f.id))
      const staffIds = list(body(req), 'facilitators')
        .map(Number)
        .filter((id) => choices.has(id))
      await catalogue.setFacilitators(currentStaff(res), context.course.id, [context.session.id], staffIds)
      keepFlash(req, 'staffNotice', 'Facilitators saved for this session')
      res.redirect(paths.staff.courses.show(context.course.id))
    },
  }
}
