/**
 * How a provider (mail server, Twilio) failed a message, as the delivery service needs to know it:
 * - transient: not sent; the same message may go later (connection refused, SMTP 4xx, HTTP 429/5xx).
 * - permanent: not sent, and sending it again would fail the same way (SMTP 5xx, Twilio 21211).
 * - in_doubt: the message was handed over and the answer was lost (a timeout or a dropped
 *   connection after the request or the final dot went out). It may have been sent: retrying could
 *   send it twice, so the delivery service never retries one blindly.
 */
export type FailureKind = 'transient' | 'permanent' | 'in_doubt'

export class DeliveryFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** Safe to store and show staff: recipients are redacted (see redact). */
    readonly reason: string,
    /** The provider's own code where there is one: an SMTP reply code, a Twilio error code. */
    readonly providerCode?: number,
  ) {
    super(reason)
    this.name = 'DeliveryFailure'
  }
}

/**
 * Provider messages often quote the recipient ("<ann@example.com>: Recipient address rejected",
 * "The 'To' number +447700900123 is not a valid phone number"). Failures are stored and logged, and
 * recipients must not be, so email addresses and long digit runs are masked.
 */
export function redact(text: string): string {
  return text
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]')
    .replace(/\+?\d[\d ]{6,}\d/g, '[number]')
    .slice(0, 500)
}
