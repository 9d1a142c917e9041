import type { Request, Response } from 'express'
import type { DevOutboxServices } from './index.js'

/*
 * An email's HTML is shown in a sandboxed frame (no scripts, no forms, its own origin) from a
 * route of its own whose Content-Security-Policy lets it load nothing: the message is the app's
 * own, but a family's name or a course title inside it must never run as page code.
 */
const EMAIL_PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"

export function listController(services: DevOutboxServices) {
  return async (_req: Request, res: Response) => {
    res.render('pages/dev-outbox/index', { messages: await services.devOutbox.list(), folder: services.devOutbox.folder })
  }
}

export function showController(services: DevOutboxServices) {
  return async (req: Request, res: Response) => {
    const message = await services.devOutbox.read(String(req.params.file))
    if (!message) return res.status(404).render('pages/errors/not-found')
    if (req.query.download !== undefined) {
      const raw = await services.devOutbox.raw(message.file)
      res
        .attachment(message.file)
        .type(message.channel === 'email' ? 'message/rfc822' : 'text/plain')
        .send(raw)
      return
    }
    res.render('pages/dev-outbox/show', { message, repliesEnabled: services.devOutbox.repliesEnabled })
  }
}

export function emailHtmlController(services: DevOutboxServices) {
  return async (req: Request, res: Response) => {
    const message = await services.devOutbox.read(String(req.params.file))
    if (!message?.html) return res.status(404).render('pages/errors/not-found')
    res.set({ 'Content-Security-Policy': EMAIL_PREVIEW_POLICY, 'X-Frame-Options': 'SAMEORIGIN' }).type('html').send(message.html)
  }
}

export function inviteController(services: DevOutboxServices) {
  return async (req: Request, res: Response) => {
    const message = await services.devOutbox.read(String(req.params.file))
    if (!message?.calendar) return res.status(404).render('pages/errors/not-found')
    res.attachment(message.calendar.fileName).type('text/calendar').send(message.calendar.raw)
  }
}
