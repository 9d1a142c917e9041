import twilio from 'twilio'
import { DeliveryFailure, redact } from '../mail/delivery-failure.js'
import type { OutgoingSms, SentSms, SmsSender } from './sms-sender.js'

export interface TwilioSettings {
  accountSid: string
  authToken: string
  from: string | undefined
  messagingServiceSid: string | undefined
  /** Only for tests and local fakes: where the API calls go instead of https://api.twilio.com. */
  apiBaseUrl: string | undefined
  /** Per request; kept well below the delivery service's claim timeout (see delivery-service.ts). */
  timeoutMs?: number
}

type RequestOptions = Parameters<twilio.RequestClient['request']>[0]

/**
 * The twilio client's own HTTP client, sending every request to another base URL (the fake Twilio
 * API on loopback in tests). The library builds absolute https://api.twilio.com/... URIs; only the
 * origin is swapped, so paths, auth and form encoding stay the library's.
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: URL,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options)
  }

  override request<TData>(options: RequestOptions & { data?: TData }) {
    const original = new URL(options.uri)
    const target = new URL(this.baseUrl.href.replace(/\/$/, '') + original.pathname + original.search)
    return super.request({ ...options, uri: target.href })
  }
}

/** A permanent Twilio error: 21610 means the number sent STOP, so the same message would fail again. */
export const TWILIO_OPTED_OUT = 21610

/** Text messages through Twilio's Messages API, with the real `twilio` client. */
export class TwilioSmsSender implements SmsSender {
  readonly name = 'twilio' as const
  private readonly client: twilio.Twilio

  constructor(private readonly settings: TwilioSettings) {
    const timeout = settings.timeoutMs ?? 20_000
    // No automatic retries: 429s come back to the delivery service, which backs off per message.
    const httpClient = settings.apiBaseUrl
      ? new BaseUrlRequestClient(new URL(settings.apiBaseUrl), { timeout, autoRetry: false })
      : new twilio.RequestClient({ timeout, autoRetry: false })
    this.client = twilio(settings.accountSid, settings.authToken, { httpClient })
  }

  async send(sms: OutgoingSms): Promise<SentSms> {
    try {
      const message = await this.client.messages.create({
        to: sms.to,
        body: sms.body,
        ...(this.settings.messagingServiceSid ? { messagingServiceSid: this.settings.messagingServiceSid } : { from: this.settings.from! }),
        ...(sms.statusCallback ? { statusCallback: sms.statusCallback } : {}),
      })
      return { providerMessageId: message.sid, status: message.status }
    } catch (error) {
      throw classify(error)
    }
  }

  async findSent(sms: OutgoingSms, since: Date): Promise<string | undefined> {
    // Newest first; a message created by a lost request is among the last few to that number.
    const messages = await this.client.messages.list({ to: sms.to, limit: 20, pageSize: 20 })
    // A minute of slack for clocks that differ between here and Twilio.
    const from = since.getTime() - 60_000
    const match = messages.find((message) => message.dateCreated && message.dateCreated.getTime() >= from && message.body.includes(sms.body))
    return match?.sid
  }
}

interface TwilioLikeError {
  status?: number
  code?: number | string
  message?: string
  response?: unknown
  request?: unknown
}

/**
 * An HTTP answer from Twilio means the message was or was not created, for sure: 429 and 5xx are
 * worth another go, 401/403 (wrong credentials: fixed by an operator, then retried) too, any other
 * 4xx is permanent. No answer: refused or unresolvable before anything was sent is transient;
 * a timeout or a dropped connection after the request went out is in doubt.
 */
export function classify(error: unknown): DeliveryFailure {
  const e = (error ?? {}) as TwilioLikeError
  if (typeof e.status === 'number') {
    const code = typeof e.code === 'number' ? e.code : undefined
    const reason = redact(`Twilio HTTP ${e.status}${code ? ` error ${code}` : ''}: ${e.message ?? ''}`)
    const transient = e.status === 429 || e.status >= 500 || e.status === 401 || e.status === 403
    return new DeliveryFailure(transient ? 'transient' : 'permanent', reason, code ?? e.status)
  }
  const networkCode = typeof e.code === 'string' ? e.code : 'error'
  const reason = redact(`Twilio request failed: ${networkCode} ${e.message ?? ''}`)
  const notSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL'].includes(networkCode)
  return new DeliveryFailure(notSent ? 'transient' : 'in_doubt', reason)
}
