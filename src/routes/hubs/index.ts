import { Router } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'

/** The family hubs: where they are, how to get there, and what is on at each. */
export function hubRoutes(services: Services): Router {
  const router = Router()
  router.get(paths.hubs.index, async (_req, res) => {
    res.render('pages/hubs/index', { hubs: await services.catalogue.hubs() })
  })
  router.get(paths.hubs.pattern, async (req, res) => {
    const details = await services.catalogue.hub(String(req.params.slug), new Date(), undefined, req.language)
    if (!details) return res.status(404).render('pages/errors/not-found')
    res.render('pages/hubs/show', details)
  })
  return router
}
