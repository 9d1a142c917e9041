import twilio from 'twilio'

/** Checks a request's X-Twilio-Signature against the URL Twilio called and the POSTed fields. */
export type TwilioSignatureCheck = (signature: string, url: string, params: Record<string, unknown>) => boolean

/**
 * The twilio library's own validateRequest (HMAC-SHA1 of the URL and the sorted fields, under the
 * auth token; it tries the URL with and without a default port, as Twilio signs either). With no
 * auth token configured nothing can be checked, so every request is refused.
 */
export function twilioSignatureCheck(authToken: string | undefined): TwilioSignatureCheck {
  if (!authToken) return () => false
  return (signature, url, params) => signature.length > 0 && twilio.validateRequest(authToken, signature, url, params)
}
