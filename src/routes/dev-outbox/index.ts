import { Router } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'

/**
 * /dev/outbox: every email and text the app has written to the dev outbox (no SMTP_URL or no
 * Twilio settings), newest first, so someone trying the app sees each message. Not mounted in
 * production, where the catch-all answers 404.
 */
export function devOutboxRoutes(services: Pick<Services, 'devOutbox'>): Router {
  const router = Router()
  if (!services.devOutbox.enabled) return router
  router.get(paths.devOutbox.index, async (_req, res) => {
    res.render('pages/dev-outbox/index', { messages: await services.devOutbox.list(), folder: services.devOutbox.folder })
  })
  router.get(paths.devOutbox.pattern, async (req, res) => {
    const message = await services.devOutbox.read(String(req.params.file))
    if (!message) return res.status(404).render('pages/errors/not-found')
    if (req.query.download !== undefined) {
      const raw = await services.devOutbox.raw(message.file)
      res.attachment(message.file).type(message.channel === 'email' ? 'message/rfc822' : 'text/plain').send(raw)
      return
    }
    res.render('pages/dev-outbox/show', { message })
  })
  return router
}
