import { Router } from 'express'
import type { Services } from '../services/index.js'
import { catalogueRoutes } from './catalogue/index.js'
import { infoRoutes } from './info/index.js'
import { staffRoutes } from './staff/index.js'
import { hubRoutes } from './hubs/index.js'
import { twilioWebhookRoutes } from './webhooks/twilio/index.js'
import { devOutboxRoutes } from './dev-outbox/index.js'
import { bookingRoutes } from './booking/index.js'
import { manageRoutes } from './manage/index.js'
import { newDatesRoutes } from './new-dates/index.js'
import { calendarFeedRoutes } from './calendar-feeds/index.js'

/** Mounts every journey. Each journey's index.ts lists its own GET/POST pairs. */
export function routes(services: Services): Router {
  const router = Router()
  // Signed provider callbacks first: they need no page furniture.
  router.use(twilioWebhookRoutes(services))
  router.use(catalogueRoutes(services))
  router.use(infoRoutes(services.config))
  router.use(staffRoutes(services))
  router.use(hubRoutes(services))
  // The parent's booking journey, and the manage link and "find my bookings".
  router.use(bookingRoutes(services))
  router.use(manageRoutes(services))
  // "Tell me about new dates": subscribe on a programme, unsubscribe from a message (issue 10).
  router.use(newDatesRoutes(services))
  // Private calendar subscription feeds (/calendar/<token>.ics).
  router.use(calendarFeedRoutes(services))
  // Every email and text written to the dev outbox; not mounted in production.
  router.use(devOutboxRoutes(services))
  return router
}
