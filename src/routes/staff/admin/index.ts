import { Router } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { requirePermission } from '../../../middleware/require-permission.js'
import { currentStaff } from '../../../middleware/auth.js'
import { usersController } from './users-controller.js'
import { auditController } from './audit-controller.js'

/** Admins: staff accounts and the audit log; managers: the dashboard. */
export function adminRoutes(services: Services): Router {
  const router = Router()
  const users = usersController(services)
  const audit = auditController(services)
  const staffManage = requirePermission('staff.manage')
  router.get(paths.staff.users.index, staffManage, users.list)
  router.get(paths.staff.users.new, staffManage, users.newUser)
  router.post(paths.staff.users.new, staffManage, users.create)
  router.get(paths.staff.users.editPattern, staffManage, users.edit)
  router.post(paths.staff.users.editPattern, staffManage, users.update)
  router.get(paths.staff.audit, requirePermission('audit.view'), audit.view)
  router.get(paths.staff.dashboard, requirePermission('dashboard.view'), async (_req, res) => {
    res.render('pages/staff/dashboard', await services.staff.dashboard.view(currentStaff(res)))
  })
  return router
}
