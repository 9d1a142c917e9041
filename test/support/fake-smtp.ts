import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'

/** One message the server accepted (its final dot answered 250). */
export interface ReceivedEmail {
  envelope: { from: string; to: string[] }
  raw: Buffer
  parsed: ParsedMail
  messageId: string
  subject: string
  text: string
  html: string
  /** The text/calendar part, if any: its METHOD parameter and the iCalendar text. */
  calendar: { method: string | undefined; content: string } | undefined
}

/** How the server answers, at one stage of the SMTP conversation. */
export interface SmtpFailure {
  /** connect: the greeting; rcpt: RCPT TO; data: the reply to the final dot. */
  at: 'connect' | 'rcpt' | 'data'
  code: number
  message?: string
}

/**
 * A real SMTP server on loopback (smtp-server), for tests that send through the app's SMTP adapter.
 * It keeps every accepted message, parsed with mailparser, and can be told to refuse: everyone
 * (failAll, e.g. a 421 greeting) or one recipient (failFor, e.g. 550 at RCPT), and to go down and
 * come back on the same port (stop / restart). Only messages whose final dot was answered 250 count.
 */
export class FakeSmtpServer {
  readonly messages: ReceivedEmail[] = []
  private server: SMTPServer | undefined
  private failure: SmtpFailure | undefined
  private readonly recipientFailures = new Map<string, SmtpFailure>()
  private waiters: { count: number; resolve: () => void }[] = []
  private held: { arrived: () => void; released: Promise<void> } | undefined

  private constructor(public port: number) {}

  static async start(): Promise<FakeSmtpServer> {
    const fake = new FakeSmtpServer(0)
    await fake.listen()
    return fake
  }

  /** The SMTP_URL that points the app here. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`
  }

  /** Every connection refused (a greeting with this code) or every message refused at a stage. */
  failAll(failure: SmtpFailure | undefined): void {
    this.failure = failure
  }

  failFor(recipient: string, failure: SmtpFailure | undefined): void {
    if (failure) this.recipientFailures.set(recipient.toLowerCase(), failure)
    else this.recipientFailures.delete(recipient.toLowerCase())
  }

  messagesTo(address: string): ReceivedEmail[] {
    return this.messages.filter((message) => message.envelope.to.includes(address.toLowerCase()))
  }

  /** How many times each Message-ID arrived. */
  countByMessageId(): Map<string, number> {
    const counts = new Map<string, number>()
    for (const message of this.messages) counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1)
    return counts
  }

  /** Resolves once at least `count` messages have arrived. */
  waitFor(count: number): Promise<void> {
    if (this.messages.length >= count) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ count, resolve }))
  }

  /**
   * From now on the answer to each message's final dot waits until release() is called: a slow
   * server, so that a test can act while the app is mid-send. `arrived` resolves when the first
   * message is waiting.
   */
  hold(): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void
    let release!: () => void
    const arrival = new Promise<void>((resolve) => (arrived = resolve))
    const released = new Promise<void>((resolve) => (release = resolve))
    this.held = { arrived, released }
    return {
      arrived: arrival,
      release: () => {
        this.held = undefined
        release()
      },
    }
  }

  reset(): void {
    this.messages.length = 0
    this.failure = undefined
    this.recipientFailures.clear()
  }

  /** The server goes down: connections are refused until restart(). */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Back up, on the same port. */
  async restart(): Promise<void> {
    if (!this.server) await this.listen()
  }

  private async listen(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        if (this.failure?.at === 'connect') return callback(smtpError(this.failure))
        callback()
      },
      onRcptTo: (address, _session, callback) => {
        const failure = this.recipientFailures.get(address.address.toLowerCase()) ?? this.failure
        if (failure?.at === 'rcpt') return callback(smtpError(failure))
        callback()
      },
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    })
    server.on('error', () => undefined)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.port = (server.server.address() as AddressInfo).port
    this.server = server
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    // A client that goes away before the final dot makes the stream fail: nothing is kept.
    stream.on('error', () => undefined)
    stream.on('end', () => {
      const held = this.held
      if (held) {
        held.arrived()
        void held.released.then(() => this.answer(chunks, session, callback))
        return
      }
      this.answer(chunks, session, callback)
    })
  }

  private answer(chunks: Buffer[], session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    const to = session.envelope.rcptTo.map((address) => address.address.toLowerCase())
    const failure = to.map((address) => this.recipientFailures.get(address)).find(Boolean) ?? this.failure
    if (failure?.at === 'data') return callback(smtpError(failure))
    const raw = Buffer.concat(chunks)
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : ''
    simpleParser(raw).then(
      (parsed) => {
        this.messages.push(toReceived({ from, to }, raw, parsed))
        callback()
        this.waiters = this.waiters.filter((waiter) => {
          if (this.messages.length < waiter.count) return true
          waiter.resolve()
          return false
        })
      },
      (error: Error) => callback(error),
    )
  }
}

function smtpError(failure: SmtpFailure): Error {
  const error = new Error(failure.message ?? (failure.code >= 500 ? 'Refused' : 'Try again later')) as Error & { responseCode: number }
  error.responseCode = failure.code
  return error
}

function toReceived(envelope: ReceivedEmail['envelope'], raw: Buffer, parsed: ParsedMail): ReceivedEmail {
  const invite = parsed.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))
  const method = /method=("?)([A-Z]+)\1/i.exec(raw.toString('utf8'))?.[2]
  return {
    envelope,
    raw,
    parsed,
    messageId: parsed.messageId ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    calendar: invite ? { method: method?.toUpperCase(), content: invite.content.toString('utf8') } : undefined,
  }
}
