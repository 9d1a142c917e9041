import { Readable } from 'node:stream'
import SMTPConnection from 'nodemailer/lib/smtp-connection'
import { parseConnectionUrl } from 'nodemailer/lib/shared'
import type { NodemailerError } from 'nodemailer'
import { composeEmail } from './compose-email.js'
import { DeliveryFailure, redact } from './delivery-failure.js'
import type { EmailSender, OutgoingEmail, SentEmail } from './email-sender.js'

export interface SmtpTimeouts {
  connectionMs: number
  greetingMs: number
  socketMs: number
}

const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionMs: 20_000, greetingMs: 20_000, socketMs: 60_000 }

/**
 * Sends through the SMTP server at SMTP_URL, one connection per message, with nodemailer's
 * SMTPConnection rather than its transport because the delivery service needs a hook between
 * "the server took the envelope" and "the final dot": the transport reads the whole message before
 * it even connects. The message is only released to the server after handOver() has recorded it,
 * so a worker that dies before that point has sent nothing (the server drops a message that never
 * got its final dot), and one that dies after it has recorded the send: never twice.
 */
export class SmtpEmailSender implements EmailSender {
  readonly name = 'smtp' as const

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
    private readonly timeouts: SmtpTimeouts = DEFAULT_TIMEOUTS,
  ) {}

  async send(email: OutgoingEmail, handOver: () => Promise<void>): Promise<SentEmail> {
    const { envelope, raw } = await composeEmail(this.from, email)
    const options = parseConnectionUrl(this.smtpUrl)
    const connection = new SMTPConnection({
      ...options,
      connectionTimeout: this.timeouts.connectionMs,
      greetingTimeout: this.timeouts.greetingMs,
      socketTimeout: this.timeouts.socketMs,
    })
    const state = { handedOver: false, handOverError: undefined as unknown }
    // SMTPConnection reports some failures as events as well as through callbacks.
    let connectionError: NodemailerError | undefined
    connection.on('error', (error: NodemailerError) => (connectionError = error))
    try {
      await new Promise<void>((resolve, reject) => {
        connection.once('error', reject)
        connection.connect(() => {
          connection.removeListener('error', reject)
          resolve()
        })
      })
      if (options.auth) {
        await new Promise<void>((resolve, reject) => connection.login(options.auth, (error) => (error ? reject(error) : resolve())))
      }
      const info = await new Promise<{ response?: string | undefined; serverMessageId?: string | undefined }>((resolve, reject) => {
        let started = false
        const message = new Readable({
          read() {
            if (started) return
            started = true
            // SMTPConnection reads the message only after the server's 354 reply to DATA.
            handOver().then(
              () => {
                state.handedOver = true
                this.push(raw)
                this.push(null)
              },
              (error: unknown) => {
                state.handOverError = error
                this.destroy(error instanceof Error ? error : new Error(String(error)))
              },
            )
          },
        })
        connection.send(envelope, message, (error, result) => (error ? reject(error) : resolve(result)))
      })
      connection.quit()
      return { providerMessageId: email.messageId, serverMessageId: info.serverMessageId }
    } catch (error) {
      connection.close()
      if (state.handOverError !== undefined) throw state.handOverError
      throw classify((error as NodemailerError | undefined) ?? connectionError, state.handedOver)
    }
  }
}

/**
 * Before the hand-over nothing was sent: an SMTP 5xx reply (except 503) is permanent, anything else
 * (connection refused, 4xx, timeouts, bad credentials) is worth another go later. After it, only an
 * explicit refusal of the message (a reply to the final dot) proves it was not taken.
 */
export function classify(error: NodemailerError | undefined, handedOver: boolean): DeliveryFailure {
  const code = error?.responseCode
  const what = code ? `SMTP ${code}${error?.command ? ` after ${error.command}` : ''}: ${error?.response ?? error?.message ?? ''}` : `${error?.code ?? 'error'}: ${error?.message ?? 'unknown'}`
  const reason = redact(what)
  const refusedMessage = error?.code === 'EMESSAGE' && code !== undefined
  if (handedOver && !refusedMessage) return new DeliveryFailure('in_doubt', reason, code)
  // Refused credentials are the service's fault, not the message's: retried until someone fixes them.
  if (error?.code === 'EAUTH' || error?.code === 'ENOAUTH') return new DeliveryFailure('transient', reason, code)
  const permanent = error?.permanent ?? (code !== undefined && code >= 500 && code !== 503)
  return new DeliveryFailure(permanent ? 'permanent' : 'transient', reason, code)
}
