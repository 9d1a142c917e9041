import { Router } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { requirePermission } from '../../../middleware/require-permission.js'
import { mySessionsController } from './my-sessions-controller.js'
import { registerController } from './register-controller.js'
import { walkInController } from './walk-in-controller.js'

/** Facilitators: their sessions, registers, attendance and walk-ins. */
export function sessionRoutes(services: Services): Router {
  const router = Router()
  const mine = mySessionsController(services)
  const register = registerController(services)
  const walkIn = walkInController(services)
  router.get(paths.staff.mySessions, requirePermission('sessions.mine'), mine.view)
  router.get(paths.staff.sessions.registerPattern, requirePermission('register.view'), register.view)
  router.get(paths.staff.sessions.csvPattern, requirePermission('register.view'), register.csv)
  router.post(paths.staff.sessions.attendancePattern, requirePermission('attendance.record'), register.record)
  router.get(paths.staff.sessions.walkInPattern, requirePermission('attendance.record'), walkIn.view)
  router.post(paths.staff.sessions.walkInPattern, requirePermission('attendance.record'), walkIn.submit)
  return router
}
