import { Router } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { requirePermission } from '../../../middleware/require-permission.js'
import { reportsController } from './reports-controller.js'

/** Managers and admins: the reports page and a CSV of each of its tables. */
export function reportRoutes(services: Services): Router {
  const router = Router()
  const reports = reportsController(services)
  const canView = requirePermission('reports.view')
  router.get(paths.staff.reports.index, canView, reports.view)
  router.get(paths.staff.reports.csvPattern, canView, reports.csv)
  return router
}
