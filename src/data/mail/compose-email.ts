import MailComposer from 'nodemailer/lib/mail-composer'
import type { OutgoingEmail } from './email-sender.js'

export interface ComposedEmail {
  envelope: { from: string; to: string[] }
  /** The whole RFC 822 message. */
  raw: Buffer
}

/**
 * Builds the message once, with nodemailer's composer: a text and an HTML part and, for an invite,
 * nodemailer's icalEvent (a text/calendar alternative with method=REQUEST or CANCEL, plus the same
 * calendar as an attachment), which is how calendar clients expect an iMIP invitation.
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
    ...(email.calendar ? { icalEvent: { method: email.calendar.method, content: email.calendar.content, filename: 'invite.ics' } } : {}),
  }).compile()
  const envelope = node.getEnvelope()
  const raw = await node.build()
  return { envelope: { from: envelope.from || '', to: envelope.to }, raw }
}
