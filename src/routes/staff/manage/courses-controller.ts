import type { Request, Response } from 'express'
import { z } from 'zod'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { assertCan } from '../../../middleware/require-permission.js'
import { body, idParam, list, notFoundUnless, text } from '../form-values.js'
import { readCourse } from './catalogue-forms.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'
import { validateForm } from '../../forms/validate-form.js'
import { capacitySchema } from '../staff-fields.js'

/** Courses and drop-ins at the manager's hubs: set up, capacity, booking open, facilitators. */
export function coursesController(services: Services) {
  const catalogue = services.staff.catalogue
  /** The course, after checking this member of staff manages its hub. */
  const load = async (req: Request, res: Response) => {
    const course = notFoundUnless(await catalogue.course(idParam(req, 'courseId')))
    assertCan(res, 'courses.manage', { hubId: course.course.hubId })
    return course
  }
  const show = async (
    res: Response,
    course: NonNullable<Awaited<ReturnType<typeof catalogue.course>>>,
    errors: Record<string, string> = {},
    capacityValue?: string,
  ) => {
    const [facilitators, registers] = await Promise.all([
      catalogue.facilitatorChoices(),
      services.staff.registers.register(course.sessions[0]?.id ?? 0),
    ])
    renderForm(res, 'pages/staff/manage/course', {
      ...course,
      facilitators,
      attendees: registers?.attendees ?? [],
      waiting: registers?.waiting ?? [],
      errors,
      capacityValue: capacityValue ?? String(course.course.capacity),
    })
  }
  const form = async (res: Response, kind: 'course' | 'drop_in', values: object, errors: object) => {
    const [programmes, hubs] = await Promise.all([catalogue.programmes(), catalogue.hubs(currentStaff(res))])
    renderForm(res, 'pages/staff/manage/course-form', { kind, programmes, hubs, values, errors })
  }
  return {
    async list(req: Request, res: Response) {
      const user = currentStaff(res)
      const past = req.query.show === 'past'
      const rows = await catalogue.courses({ hubIds: user.role === 'admin' ? undefined : user.hubIds, current: !past })
      res.render('pages/staff/manage/courses', {
        rows: past ? rows.filter((row) => !row.lastEndsAt || row.lastEndsAt < new Date()) : rows,
        past,
      })
    },

    newCourse: (kind: 'course' | 'drop_in') => async (_req: Request, res: Response) =>
      form(res, kind, { capacity: '12', startTime: '10:00', endTime: '12:00', sessions: kind === 'course' ? '6' : '1' }, {}),

    create: (kind: 'course' | 'drop_in') => async (req: Request, res: Response) => {
      const { values, errors, course } = readCourse(body(req), kind)
      if (!course) return form(res, kind, values, errors)
      assertCan(res, 'courses.manage', { hubId: course.hubId })
      if (!(await catalogue.programme(course.programmeId))) return form(res, kind, values, { programmeId: 'Select a programme' })
      const id = await catalogue.createCourse(currentStaff(res), {
        programmeId: course.programmeId,
        hubId: course.hubId,
        kind,
        capacity: course.capacity,
        room: course.room,
        repeat: {
          firstDate: course.firstDate,
          startTime: course.startTime,
          endTime: course.endTime,
          sessions: course.sessions,
          skipDates: course.skipDates,
        },
      })
      keepFlash(req, 'staffNotice', kind === 'drop_in' ? 'Drop-in added' : 'Course added')
      res.redirect(paths.staff.courses.show(id))
    },

    async view(req: Request, res: Response) {
      await show(res, await load(req, res))
    },

    async capacity(req: Request, res: Response) {
      const course = await load(req, res)
      const value = text(body(req), 'capacity', 4)
      const checked = validateForm(z.object({ capacity: capacitySchema }), { capacity: value })
      if (!checked.ok) return show(res, course, checked.errors, value)
      const capacity = Number(value)
      const result = await catalogue.setCapacity(currentStaff(res), course.course.id, capacity)
      if (!result.ok) return show(res, course, { capacity: result.message }, value)
      keepFlash(
        req,
        'staffNotice',
        capacity > course.course.capacity ? 'Capacity raised. New places have been offered to the waiting list.' : 'Capacity saved',
      )
      res.redirect(paths.staff.courses.show(course.course.id))
    },

    async bookingOpen(req: Request, res: Response) {
      const course = await load(req, res)
      const open = text(body(req), 'open', 5) === 'true'
      await catalogue.setBookingOpen(currentStaff(res), course.course.id, open)
      keepFlash(req, 'staffNotice', open ? 'Booking reopened' : 'Booking closed')
      res.redirect(paths.staff.courses.show(course.course.id))
    },

    async facilitators(req: Request, res: Response) {
      const course = await load(req, res)
      const choices = new Set((await catalogue.facilitatorChoices()).map((f) => f.id))
      const staffIds = list(body(req), 'facilitators')
        .map(Number)
        .filter((id) => choices.has(id))
      await catalogue.setFacilitators(
        currentStaff(res),
        course.course.id,
        course.sessions.map((s) => s.id),
        staffIds,
      )
      keepFlash(req, 'staffNotice', 'Facilitators saved for every session')
      res.redirect(paths.staff.courses.show(course.course.id))
    },
  }
}
