/** An email as the delivery service hands it to an EmailSender. */
export interface OutgoingEmail {
  /** Stable per notification row: names the dev-outbox file. */
  key: string
  /** Message-ID header, the same on every attempt so mail systems can tell a repeat. */
  messageId: string
  to: string
  subject: string
  text: string
  html: string
  /** A calendar invite, attached as text/calendar with this METHOD. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string } | undefined
  /** The language it is written in (BCP 47, "pl"): the Content-Language header. */
  language?: string | undefined
}

export interface SentEmail {
  /** The Message-ID: what bounces and replies quote back. */
  providerMessageId: string
  /** The server's queue id from its final reply, when it gives one. */
  serverMessageId?: string | undefined
}

export interface EmailSender {
  readonly name: 'smtp' | 'dev-outbox'
  /**
   * Sends one email. `handOver` is called once, at the last moment before the message becomes the
   * provider's (for SMTP: after the server has accepted the envelope and asked for the message,
   * before the final dot). The caller records the send there; if handOver throws, nothing is sent
   * and its error is passed on. Failures are thrown as DeliveryFailure.
   */
  send(email: OutgoingEmail, handOver: () => Promise<void>): Promise<SentEmail>
}
