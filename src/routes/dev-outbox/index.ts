import { Router } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'
import { emailHtmlController, inviteController, listController, showController } from './message-controllers.js'
import { replyController } from './reply-controller.js'

export type DevOutboxServices = Pick<Services, 'devOutbox' | 'twilioWebhooks'>

/**
 * /dev/outbox: every email and text the app has written to the dev outbox (no SMTP_URL or no
 * Twilio settings), newest first, so someone trying the app sees each message: an email's HTML
 * and calendar invite too, and a text can be answered as a family would. Not mounted in
 * production, where the catch-all answers 404.
 */
export function devOutboxRoutes(services: DevOutboxServices): Router {
  const router = Router()
  if (!services.devOutbox.enabled) return router
  router.get(paths.devOutbox.index, listController(services))
  router.get(paths.devOutbox.pattern, showController(services))
  router.get(paths.devOutbox.htmlPattern, emailHtmlController(services))
  router.get(paths.devOutbox.invitePattern, inviteController(services))
  if (services.devOutbox.repliesEnabled) router.post(paths.devOutbox.replyPattern, replyController(services))
  return router
}
