import { Router } from 'express'
import { paths } from '../../paths.js'
import { noStore } from '../../middleware/no-store.js'
import { rateLimited } from '../../middleware/rate-limit.js'
import type { Services } from '../../services/index.js'
import { subscribeController } from './subscribe-controller.js'
import { unsubscribeController } from './unsubscribe-controller.js'

/** "Tell me about new dates" (issue 10): subscribe on a programme, unsubscribe from a message's link. */
export function newDatesRoutes(services: Services): Router {
  const router = Router()
  router.use(['/programmes/:slug/new-dates', '/new-dates'], noStore)
  const limit = rateLimited(services.rateLimits.bookingPosts)
  const subscribe = subscribeController(services)
  const unsubscribe = unsubscribeController(services)
  router.get(paths.newDates.subscribedPattern, subscribe.done)
  router.get(paths.newDates.subscribePattern, subscribe.view)
  router.post(paths.newDates.subscribePattern, limit, subscribe.submit)
  router.get(paths.newDates.unsubscribePattern, unsubscribe.view)
  router.post(paths.newDates.unsubscribePattern, limit, unsubscribe.submit)
  return router
}
