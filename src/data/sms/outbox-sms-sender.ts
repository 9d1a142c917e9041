import type { DevOutbox } from '../mail/dev-outbox.js'
import type { OutgoingSms, SentSms, SmsSender } from './sms-sender.js'

/** With no Twilio settings: each text becomes <key>.txt in the dev outbox, next to the emails. */
export class OutboxSmsSender implements SmsSender {
  readonly name = 'dev-outbox' as const

  constructor(private readonly outbox: DevOutbox) {}

  async send(sms: OutgoingSms): Promise<SentSms> {
    const head = [`To: ${sms.to}`, `Date: ${new Date().toISOString()}`, `Characters: ${sms.body.length}`]
    await this.outbox.write(`${sms.key}.txt`, `${head.join('\n')}\n\n${sms.body}`)
    return { providerMessageId: `outbox-${sms.key}`, status: 'sent' }
  }

  async findSent(sms: OutgoingSms): Promise<string | undefined> {
    return (await this.outbox.exists(`${sms.key}.txt`)) ? `outbox-${sms.key}` : undefined
  }
}
