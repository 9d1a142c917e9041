import type { DevOutbox, OutboxEntry } from '../../data/mail/dev-outbox.js'

/** What /dev/outbox shows: every message written to the dev outbox, newest first. Off in production. */
export class DevOutboxService {
  constructor(
    private readonly outbox: DevOutbox,
    /** Never in production. */
    readonly enabled: boolean,
    /** Try-out replies to texts: only when texts go to the outbox (no Twilio settings), never in production. */
    readonly repliesEnabled = false,
  ) {}

  /** Keeps the answer to a tried-out reply as a text to that number. */
  recordAnswer(to: string, answer: string, inReplyTo: string): Promise<string> {
    return this.outbox.writeReply(to, answer, inReplyTo)
  }

  get folder(): string {
    return this.outbox.dir
  }

  list(): Promise<OutboxEntry[]> {
    return this.outbox.list()
  }

  read(file: string): Promise<OutboxEntry | undefined> {
    return this.outbox.read(file)
  }

  /** The file as written: the RFC 822 message, or the text message file. */
  raw(file: string): Promise<Buffer | undefined> {
    return this.outbox.raw(file)
  }
}
