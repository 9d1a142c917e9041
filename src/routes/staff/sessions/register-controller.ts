import type { Request, Response } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { assertCan } from '../../../middleware/require-permission.js'
import { attendanceStatuses, type AttendanceStatus } from '../../../domain/booking.js'
import { attendanceNames } from '../../../services/staff/register-service.js'
import { body, checked, idParam, notFoundUnless, text } from '../form-values.js'
import { keepFlash } from '../../../middleware/flash.js'

/** The register of one session: on screen, printed (print stylesheet), as CSV; and attendance. */
export function registerController(services: Services) {
  const registers = services.staff.registers
  /** The register, after checking this member of staff runs the session (or manages its hub). */
  const load = async (req: Request, res: Response) => {
    const register = notFoundUnless(await registers.register(idParam(req, 'sessionId')))
    assertCan(res, 'register.view', { hubId: register.context.course.hubId, facilitatorIds: register.context.facilitatorIds })
    return register
  }
  return {
    async view(req: Request, res: Response) {
      const register = await load(req, res)
      res.render('pages/staff/sessions/register', { ...register, attendanceNames, attendanceStatuses })
    },

    async csv(req: Request, res: Response) {
      const register = await load(req, res)
      const date = register.context.session.startsAt.toISOString().slice(0, 10)
      res.type('text/csv; charset=utf-8')
      res.attachment(`register-${date}-session-${register.context.session.id}.csv`)
      res.send(registers.csv(register))
    },

    async record(req: Request, res: Response) {
      const register = await load(req, res)
      assertCan(res, 'attendance.record', { hubId: register.context.course.hubId, facilitatorIds: register.context.facilitatorIds })
      const form = body(req)
      const statuses = new Map<number, AttendanceStatus>()
      for (const row of register.attendees) {
        const value = checked(form, 'markAll') ? 'attended' : text(form, `attendance-${row.booking.id}`, 20)
        if ((attendanceStatuses as readonly string[]).includes(value)) statuses.set(row.booking.id, value as AttendanceStatus)
      }
      const changed = await registers.recordAttendance(currentStaff(res), register.context.session.id, register.context.course.id, statuses)
      keepFlash(
        req,
        'staffNotice',
        checked(form, 'markAll')
          ? 'Everyone marked as attended. Change anyone who did not come, then save.'
          : `Attendance saved (${changed} ${changed === 1 ? 'change' : 'changes'})`,
      )
      res.redirect(paths.staff.sessions.register(register.context.session.id))
    },
  }
}
