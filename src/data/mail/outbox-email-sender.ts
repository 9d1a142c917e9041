import { composeEmail } from './compose-email.js'
import type { DevOutbox } from './dev-outbox.js'
import type { EmailSender, OutgoingEmail, SentEmail } from './email-sender.js'

/** With no SMTP_URL: each email becomes <key>.eml in the dev outbox, the exact message SMTP would carry. */
export class OutboxEmailSender implements EmailSender {
  readonly name = 'dev-outbox' as const

  constructor(
    private readonly outbox: DevOutbox,
    private readonly from: string,
  ) {}

  async send(email: OutgoingEmail, handOver: () => Promise<void>): Promise<SentEmail> {
    const { raw } = await composeEmail(this.from, email)
    await handOver()
    await this.outbox.write(`${email.key}.eml`, raw)
    return { providerMessageId: email.messageId }
  }
}
