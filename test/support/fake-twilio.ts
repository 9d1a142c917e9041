import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** A message the fake created (answered 201, or created with the answer dropped). */
export interface FakeTwilioMessage {
  sid: string
  to: string
  from: string | undefined
  messagingServiceSid: string | undefined
  body: string
  statusCallback: string | undefined
  dateCreated: Date
}

/**
 * How the fake answers a create request:
 * - 'accept': 201 with a new SID (the default);
 * - { status, code }: an error as Twilio sends it, e.g. { status: 400, code: 21211 } (invalid
 *   number), { status: 400, code: 21610 } (the number sent STOP), { status: 429, code: 20429 },
 *   { status: 500 };
 * - 'drop-answer': the message is created, then the connection is closed without an answer (the
 *   answer lost on the way back: the sender cannot know it went);
 * - 'hang': no answer at all until the fake stops (a timeout).
 */
export type FakeTwilioBehaviour = 'accept' | 'drop-answer' | 'hang' | { status: number; code?: number; message?: string }

/** Twilio's messages for the usual error codes. */
const ERROR_MESSAGES: Record<number, string> = {
  20003: 'Authenticate',
  20429: 'Too Many Requests',
  21211: "The 'To' number is not a valid phone number.",
  21610: 'Attempt to send to unsubscribed recipient',
  21602: 'Message body is required.',
  21604: "A 'To' phone number is required.",
}

interface Rule {
  to: string | undefined
  behaviour: FakeTwilioBehaviour
  remaining: number
}

/**
 * A fake of Twilio's Messages API on loopback, for the real `twilio` client (pointed here by
 * TWILIO_API_BASE_URL). It checks HTTP Basic auth like Twilio, creates messages with SM... SIDs,
 * lists them (GET Messages.json, newest first, filtered by To), and answers each create as told:
 * per recipient number or for everyone, for a number of requests or for good (respondTo).
 *
 * `messages` is what Twilio would have sent; `requests` counts every create request, answered or not.
 */
export class FakeTwilioApi {
  readonly accountSid = `AC${'0'.repeat(31)}1`
  readonly authToken = 'fake-twilio-auth-token'
  readonly from = '+447700900000'
  readonly messages: FakeTwilioMessage[] = []
  requests = 0
  private rules: Rule[] = []
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeTwilioApi> {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    const fake = new FakeTwilioApi(server, (server.address() as AddressInfo).port)
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res))
    server.on('connection', (socket: Socket) => {
      fake.sockets.add(socket)
      socket.on('close', () => fake.sockets.delete(socket))
    })
    return fake
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** The settings that point the app's Twilio client here. */
  env(): Record<string, string> {
    return {
      TWILIO_ACCOUNT_SID: this.accountSid,
      TWILIO_AUTH_TOKEN: this.authToken,
      TWILIO_FROM: this.from,
      TWILIO_API_BASE_URL: this.baseUrl,
    }
  }

  /**
   * Answers creates to `to` (or to anyone, with '*') this way, for the next `times` requests
   * (default: every one). The latest matching rule wins.
   */
  respondTo(to: string | '*', behaviour: FakeTwilioBehaviour, times = Number.POSITIVE_INFINITY): this {
    this.rules.unshift({ to: to === '*' ? undefined : to, behaviour, remaining: times })
    return this
  }

  messagesTo(to: string): FakeTwilioMessage[] {
    return this.messages.filter((message) => message.to === to)
  }

  reset(): void {
    this.messages.length = 0
    this.requests = 0
    this.rules = []
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl)
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname)
    if (!match) return this.error(res, 404, 20404, 'The requested resource was not found')
    if (
      match[1] !== this.accountSid ||
      req.headers.authorization !== `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`
    ) {
      return this.error(res, 401, 20003)
    }
    if (req.method === 'GET') return this.list(url, res)
    if (req.method !== 'POST') return this.error(res, 405, 20004, 'Method not allowed')
    const form = new URLSearchParams(await readBody(req))
    this.requests++
    const to = form.get('To') ?? undefined
    if (!to) return this.error(res, 400, 21604)
    if (!form.get('Body')) return this.error(res, 400, 21602)
    const behaviour = this.behaviourFor(to)
    if (behaviour === 'hang') return
    if (typeof behaviour === 'object') return this.error(res, behaviour.status, behaviour.code, behaviour.message)
    const message: FakeTwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from: form.get('From') ?? undefined,
      messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
      body: form.get('Body')!,
      statusCallback: form.get('StatusCallback') ?? undefined,
      dateCreated: new Date(),
    }
    this.messages.push(message)
    if (behaviour === 'drop-answer') {
      req.socket.destroy()
      return
    }
    this.json(res, 201, this.resource(message))
  }

  private behaviourFor(to: string): FakeTwilioBehaviour {
    const rule = this.rules.find((candidate) => candidate.remaining > 0 && (candidate.to === undefined || candidate.to === to))
    if (!rule) return 'accept'
    rule.remaining--
    return rule.behaviour
  }

  private list(url: URL, res: ServerResponse): void {
    const to = url.searchParams.get('To')
    const pageSize = Number(url.searchParams.get('PageSize') ?? 50)
    const found = this.messages
      .filter((message) => !to || message.to === to)
      .reverse()
      .slice(0, pageSize)
    const uri = `/2010-04-01/Accounts/${this.accountSid}/Messages.json`
    this.json(res, 200, {
      messages: found.map((message) => this.resource(message)),
      first_page_uri: `${uri}?PageSize=${pageSize}&Page=0`,
      next_page_uri: null,
      previous_page_uri: null,
      page: 0,
      page_size: pageSize,
      start: 0,
      end: Math.max(0, found.length - 1),
      uri: `${uri}?PageSize=${pageSize}&Page=0`,
    })
  }

  private resource(message: FakeTwilioMessage) {
    return {
      sid: message.sid,
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      to: message.to,
      from: message.from ?? null,
      messaging_service_sid: message.messagingServiceSid ?? null,
      body: message.body,
      status: 'queued',
      direction: 'outbound-api',
      num_segments: '1',
      num_media: '0',
      date_created: message.dateCreated.toUTCString(),
      date_updated: message.dateCreated.toUTCString(),
      date_sent: null,
      error_code: null,
      error_message: null,
      price: null,
      price_unit: 'GBP',
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}.json`,
      subresource_uris: {},
    }
  }

  private error(res: ServerResponse, status: number, code?: number, message?: string): void {
    this.json(res, status, {
      code: code ?? null,
      message: message ?? (code ? ERROR_MESSAGES[code] : undefined) ?? 'Error',
      more_info: code ? `https://www.twilio.com/docs/errors/${code}` : null,
      status,
    })
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
