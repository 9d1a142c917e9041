import type { Request, Response } from 'express'
import type { Services } from '../../../services/index.js'

const whole = (value: unknown): number | undefined => (typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : undefined)

/** Twilio's status callback for a text we sent: queued, sent, delivered, undelivered, failed. */
export function statusController(services: Services) {
  return async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const messageSid = typeof body.MessageSid === 'string' ? body.MessageSid : typeof body.SmsSid === 'string' ? body.SmsSid : undefined
    const status =
      typeof body.MessageStatus === 'string' ? body.MessageStatus : typeof body.SmsStatus === 'string' ? body.SmsStatus : undefined
    if (!messageSid || !status) {
      res.status(400).type('text/plain').send('MessageSid and MessageStatus are required')
      return
    }
    await services.twilioWebhooks.deliveryStatus.record({
      messageSid,
      status,
      errorCode: whole(body.ErrorCode),
      notificationId: whole(req.query.notification),
    })
    // Twilio only needs a 2xx; it does not read the body.
    res.status(204).end()
  }
}
