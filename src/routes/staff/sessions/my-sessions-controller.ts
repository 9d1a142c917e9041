import type { Request, Response } from 'express'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'

/** "My sessions": today, coming up, and past sessions still waiting for attendance. */
export function mySessionsController(services: Services) {
  return {
    async view(_req: Request, res: Response) {
      const sessions = await services.staff.registers.mySessions(currentStaff(res))
      res.render('pages/staff/sessions/my-sessions', sessions)
    },
  }
}
