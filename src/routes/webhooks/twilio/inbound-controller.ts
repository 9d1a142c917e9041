import type { Request, Response } from 'express'
import type { Services } from '../../../services/index.js'
import { messagingResponse } from './twiml.js'

/** "A message comes in": a family replied to one of our texts. Answered with TwiML. */
export function inboundController(services: Services) {
  return async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const outcome = await services.twilioWebhooks.replies.handle({
      messageSid: typeof body.MessageSid === 'string' ? body.MessageSid : undefined,
      from: typeof body.From === 'string' ? body.From : '',
      body: typeof body.Body === 'string' ? body.Body : '',
    })
    res.type('text/xml').send(messagingResponse(outcome.reply))
  }
}
