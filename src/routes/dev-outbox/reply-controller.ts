import { randomBytes } from 'node:crypto'
import type { Request, Response } from 'express'
import { paths } from '../../paths.js'
import type { DevOutboxServices } from './index.js'

/** A made-up Twilio message SID (SM and 32 hex digits), as the real webhook would carry. */
const aMessageSid = () => `SM${randomBytes(16).toString('hex')}`

/**
 * "Reply to this text" in the dev outbox, when there are no Twilio settings: the reply goes to the
 * same service, with the same From number and body, that Twilio's inbound webhook calls, so CANCEL
 * really cancels the booking; the answer the family would get is written to the outbox.
 */
export function replyController(services: DevOutboxServices) {
  return async (req: Request, res: Response) => {
    const message = await services.devOutbox.read(String(req.params.file))
    if (message?.channel !== 'sms') return res.status(404).render('pages/errors/not-found')
    const body = typeof req.body?.body === 'string' ? req.body.body.trim().slice(0, 1600) : ''
    if (body === '') {
      return res.status(400).render('pages/dev-outbox/show', { message, repliesEnabled: true, replyError: 'Enter the text of the reply' })
    }
    const outcome = await services.twilioWebhooks.replies.handle({ messageSid: aMessageSid(), from: message.to, body })
    if (outcome.reply) await services.devOutbox.recordAnswer(message.to, outcome.reply, body)
    res.redirect(303, paths.devOutbox.index)
  }
}
