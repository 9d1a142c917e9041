import { Router } from 'express'
import type { Services } from '../services/index.js'
import { catalogueRoutes } from './catalogue/index.js'
import { infoRoutes } from './info/index.js'

/** Mounts every journey. Each journey's index.ts lists its own GET/POST pairs. */
export function routes(services: Services): Router {
  const router = Router()
  router.use(catalogueRoutes(services))
  router.use(infoRoutes())
  return router
}
