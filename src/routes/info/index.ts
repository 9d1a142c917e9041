import { Router } from 'express'
import { paths } from '../../paths.js'

/** Static information pages. */
export function infoRoutes(): Router {
  const router = Router()
  router.get(paths.accessibility, (_req, res) => res.render('pages/info/accessibility'))
  router.get(paths.privacy, (_req, res) => res.render('pages/info/privacy'))
  return router
}
