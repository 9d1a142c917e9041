import MailComposer from 'nodemailer/lib/mail-composer'
import type { OutgoingEmail } from './email-sender.js'

export interface ComposedEmail {
  envelope: { from: string; to: string[] }
  /** The whole RFC 822 message. */
  raw: Buffer
}

/**
 * Builds the message once, with nodemailer's composer: a text and an HTML part and, for an invite,
 * a text/calendar alternative with method=REQUEST or CANCEL plus the same calendar as an
 * `invite.ics` attachment, which is how calendar clients expect an iMIP invitation. nodemailer's own
 * `icalEvent` labels the attachment `application/ics` without the method, which some clients then
 * treat as a plain file, so both parts are given here with the same Content-Type.
 */
export async function composeEmail(from: string, email: OutgoingEmail): Promise<ComposedEmail> {
  const node = new MailComposer({
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    date: new Date(),
    ...(email.language ? { headers: { 'Content-Language': email.language } } : {}),
    ...(email.calendar ? calendarParts(email.calendar) : {}),
  }).compile()
  const envelope = node.getEnvelope()
  const raw = await node.build()
  return { envelope: { from: envelope.from || '', to: envelope.to }, raw }
}

function calendarParts(calendar: NonNullable<OutgoingEmail['calendar']>) {
  const contentType = `text/calendar; method=${calendar.method}; charset=UTF-8`
  return {
    alternatives: [{ contentType, content: calendar.content }],
    attachments: [{ filename: 'invite.ics', contentType, content: calendar.content, contentDisposition: 'attachment' as const }],
  }
}
