import { Router } from 'express'
import type { Services } from '../services/index.js'
import { catalogueRoutes } from './catalogue/index.js'
import { infoRoutes } from './info/index.js'
import { staffRoutes } from './staff/index.js'
import { hubRoutes } from './hubs/index.js'
import { twilioWebhookRoutes } from './webhooks/twilio/index.js'

/** Mounts every journey. Each journey's index.ts lists its own GET/POST pairs. */
export function routes(services: Services): Router {
  const router = Router()
  // Signed provider callbacks first: they need no page furniture (reminders work).
  router.use(twilioWebhookRoutes(services))
  router.use(catalogueRoutes(services))
  router.use(infoRoutes())
  router.use(staffRoutes(services))
  router.use(hubRoutes(services))
  return router
}
