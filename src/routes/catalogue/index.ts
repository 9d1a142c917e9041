import { Router } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'

export function catalogueRoutes(services: Services): Router {
  const router = Router()
  router.get(paths.home, async (_req, res) => {
    const upcoming = await services.catalogue.upcoming()
    res.render('pages/catalogue/index', { upcoming })
  })
  return router
}
