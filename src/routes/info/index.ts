import { Router } from 'express'
import type { Config } from '../../config.js'
import { paths } from '../../paths.js'

/** Static information pages. The privacy notice states the retention period the service applies. */
export function infoRoutes(config: Pick<Config, 'dataProtection'>): Router {
  const router = Router()
  router.get(paths.accessibility, (_req, res) => res.render('pages/info/accessibility'))
  router.get(paths.privacy, (_req, res) => res.render('pages/info/privacy', { retentionMonths: config.dataProtection.retentionMonths }))
  return router
}
