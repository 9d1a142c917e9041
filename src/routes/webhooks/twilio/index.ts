import { Router } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { verifyTwilioSignature } from './verify-signature.js'
import { inboundController } from './inbound-controller.js'
import { statusController } from './status-controller.js'

/**
 * Twilio's webhooks: replies to our texts ("A message comes in") and delivery reports (the status
 * callback). Both are signed; CSRF does not apply under /webhooks/ (see middleware/set-up-csrf.ts).
 */
export function twilioWebhookRoutes(services: Services): Router {
  const router = Router()
  const signed = verifyTwilioSignature(services.config, services.twilioWebhooks.checkSignature, services.logger)
  router.post(paths.webhooks.twilioInbound, signed, inboundController(services))
  router.post(paths.webhooks.twilioStatus, signed, statusController(services))
  return router
}
