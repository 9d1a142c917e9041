import { Router } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'

/** Liveness and readiness for load balancers; mounted before logging and sessions. */
export function healthRoutes(services: Services): Router {
  const router = Router()
  // Mounted before helmet (probes need none of its page headers), so the few that apply to JSON here.
  router.use([paths.healthz, paths.readyz], (_req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' })
    next()
  })
  router.get(paths.healthz, (_req, res) => {
    // Which process answered, outside production: how the WEB_CONCURRENCY test sees several.
    if (!services.config.isProduction) res.set('X-Process-Id', String(process.pid))
    res.json({ status: 'ok' })
  })
  router.get(paths.readyz, async (_req, res) => {
    const ready = await services.health.databaseReachable()
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'database unreachable' })
  })
  return router
}
