/** A text message as the delivery service hands it to an SmsSender. */
export interface OutgoingSms {
  /** Stable per notification row: names the dev-outbox file. */
  key: string
  /** E.164, e.g. +447700900123. */
  to: string
  body: string
  /** Where Twilio reports the message's progress (queued, sent, delivered, undelivered, failed). */
  statusCallback?: string | undefined
}

export interface SentSms {
  /** Twilio's message SID (SM...), what status callbacks quote. */
  providerMessageId: string
  /** Twilio's status at creation, usually "queued" or "accepted". */
  status?: string | undefined
}

export interface SmsSender {
  readonly name: 'twilio' | 'dev-outbox'
  /** Failures are thrown as DeliveryFailure (Twilio error codes in providerCode). */
  send(sms: OutgoingSms): Promise<SentSms>
  /**
   * The id of a message with this recipient and body that the provider created since `since`, if
   * any. How a send whose outcome was lost (a worker that died, a timeout) is settled without
   * sending it twice.
   */
  findSent(sms: OutgoingSms, since: Date): Promise<string | undefined>
}
