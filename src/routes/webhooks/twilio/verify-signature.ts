import type { RequestHandler } from 'express'
import type { Config } from '../../../config.js'
import type { Logger } from '../../../logger.js'
import type { TwilioSignatureCheck } from '../../../data/webhooks/twilio-signature.js'

/**
 * Lets a request through only when its X-Twilio-Signature is right for the public URL Twilio called
 * (BASE_URL plus the path and query string: what Twilio signed, whatever proxy sits between) and
 * the POSTed fields. Anything else is refused with 403 before any work is done.
 */
export function verifyTwilioSignature(config: Config, check: TwilioSignatureCheck, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const signature = req.get('X-Twilio-Signature') ?? ''
    const url = `${config.baseUrl}${req.originalUrl}`
    const params = (req.body ?? {}) as Record<string, unknown>
    if (signature && check(signature, url, params)) return next()
    logger.warn({ path: req.path, signed: signature !== '' }, 'refused a webhook request without a valid Twilio signature')
    res.status(403).type('text/plain').send('Forbidden')
  }
}
