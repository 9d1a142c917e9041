import request from 'supertest'
import twilio from 'twilio'
import type { Express } from 'express'

/** Twilio settings for a test app: a made-up account, and the public URL Twilio calls. */
export const twilioEnv = {
  TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
  TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef',
  TWILIO_FROM: '+447700900000',
  BASE_URL: 'https://familyhubs.example.org',
}

/** The X-Twilio-Signature Twilio would send for these fields POSTed to this path. */
export const signatureFor = (path: string, params: Record<string, string>, authToken = twilioEnv.TWILIO_AUTH_TOKEN): string =>
  twilio.getExpectedTwilioSignature(authToken, `${twilioEnv.BASE_URL}${path}`, params)

/** POSTs a form as Twilio does: url-encoded fields, signed over the public URL. */
export function postSigned(app: Express, path: string, params: Record<string, string>, signature = signatureFor(path, params)) {
  return request(app).post(path).type('form').set('X-Twilio-Signature', signature).send(params)
}

let sids = 0
/** A made-up Twilio message SID (SM + 32 hex digits). */
export const aMessageSid = (): string =>
  `SM${(++sids).toString(16).padStart(8, '0')}${process.pid.toString(16).padStart(8, '0')}${'0'.repeat(16)}`

/** The inbound-message webhook's fields for a reply from a number. */
export const inboundFields = (from: string, body: string, messageSid = aMessageSid()) => ({
  MessageSid: messageSid,
  SmsSid: messageSid,
  AccountSid: twilioEnv.TWILIO_ACCOUNT_SID,
  From: from,
  To: twilioEnv.TWILIO_FROM,
  Body: body,
  NumMedia: '0',
  NumSegments: '1',
})
