import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface OutboxEntry {
  file: string
  channel: 'email' | 'sms'
  modifiedAt: Date
  to: string
  subject: string
  text: string
  /** The HTML part of an email. */
  html: string | undefined
  /** Names of attachments, such as the calendar invite. */
  attachments: string[]
  /** The calendar invite attached to an email, if any. */
  calendar?: OutboxCalendar | undefined
}

/** An email's calendar invite: the .ics text as sent, and the few fields a person checks. */
export interface OutboxCalendar {
  fileName: string
  /** REQUEST for a booking or a change, CANCEL for a cancellation. */
  method: string
  events: { summary: string; start: string; end: string; status: string }[]
  raw: string
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.(eml|txt)$/

/**
 * The dev outbox: with no SMTP_URL or Twilio settings, every email is written here as an .eml file
 * and every text as a .txt file (under DATA_DIR/outbox), and /dev/outbox lists them, so someone
 * trying the app sees each message. Never used in production.
 */
export class DevOutbox {
  constructor(readonly dir: string) {}

  /** Written whole or not at all (a temporary file renamed into place). */
  async write(name: string, content: string | Buffer): Promise<void> {
    if (!FILE_NAME.test(name)) throw new Error('Not an outbox file name')
    await mkdir(this.dir, { recursive: true })
    const temporary = join(this.dir, `.${name}.${process.pid}.tmp`)
    await writeFile(temporary, content)
    await rename(temporary, join(this.dir, name))
  }

  /**
   * The answer the service would text back to a reply tried from the outbox (Twilio sends it, as
   * the webhook's TwiML, when it is set up), next to the texts it answers.
   */
  async writeReply(to: string, body: string, inReplyTo: string): Promise<string> {
    const name = `reply-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.txt`
    const head = [`To: ${to}`, `Date: ${new Date().toISOString()}`, `Characters: ${body.length}`, `In-Reply-To-Text: ${inReplyTo.replace(/\s+/g, ' ').slice(0, 160)}`]
    await this.write(name, `${head.join('\n')}\n\n${body}`)
    return name
  }

  async exists(name: string): Promise<boolean> {
    if (!FILE_NAME.test(name)) return false
    return stat(join(this.dir, name)).then(
      () => true,
      () => false,
    )
  }

  /** Newest first. */
  async list(limit = 200): Promise<OutboxEntry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[])
    const files = await Promise.all(
      names.filter((name) => FILE_NAME.test(name)).map(async (name) => ({ name, modifiedAt: (await stat(join(this.dir, name))).mtime })),
    )
    files.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || b.name.localeCompare(a.name))
    const entries = await Promise.all(files.slice(0, limit).map((file) => this.read(file.name)))
    return entries.filter((entry): entry is OutboxEntry => entry !== undefined)
  }

  async raw(name: string): Promise<Buffer | undefined> {
    if (!FILE_NAME.test(name)) return undefined
    return readFile(join(this.dir, name)).catch(() => undefined)
  }

  async read(name: string): Promise<OutboxEntry | undefined> {
    if (!FILE_NAME.test(name)) return undefined
    const path = join(this.dir, name)
    const [content, info] = await Promise.all([readFile(path).catch(() => undefined), stat(path).catch(() => undefined)])
    if (!content || !info) return undefined
    return name.endsWith('.eml') ? readEmail(name, content, info.mtime) : readText(name, content.toString('utf8'), info.mtime)
  }
}

async function readEmail(file: string, content: Buffer, modifiedAt: Date): Promise<OutboxEntry> {
  // mailparser is a development dependency, loaded only when someone opens the dev outbox (never
  // in production). Without it, the headers are read plainly and the message shown as it is.
  const parser = await import('mailparser').catch(() => undefined)
  if (!parser) {
    const raw = content.toString('utf8')
    const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1] ?? ''
    return { file, channel: 'email', modifiedAt, to: header('To'), subject: header('Subject'), text: raw, html: undefined, attachments: [] }
  }
  const mail = await parser.simpleParser(content)
  const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(', ') : (mail.to?.text ?? '')
  return {
    file,
    channel: 'email',
    modifiedAt,
    to,
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : undefined,
    attachments: mail.attachments.map((attachment) => attachment.filename ?? attachment.contentType),
    calendar: calendarOf(mail.attachments),
  }
}

function calendarOf(attachments: { filename?: string | undefined; contentType: string; content: Buffer }[]): OutboxCalendar | undefined {
  const invite = attachments.find((attachment) => attachment.contentType.startsWith('text/calendar') || attachment.filename?.endsWith('.ics'))
  if (!invite) return undefined
  const raw = invite.content.toString('utf8')
  return { fileName: invite.filename ?? 'invite.ics', ...readCalendar(raw), raw }
}

/**
 * The fields of an iCalendar text a person checks in the outbox. A plain reading (lines unfolded,
 * parameters dropped), not a full parser: the tests read invites with ical.js.
 */
export function readCalendar(raw: string): Pick<OutboxCalendar, 'method' | 'events'> {
  const lines = raw.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)
  const value = (line: string) => line.slice(line.indexOf(':') + 1).replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, ' ')
  const name = (line: string) => line.split(/[:;]/, 1)[0]!.toUpperCase()
  let method = ''
  const events: OutboxCalendar['events'] = []
  let event: OutboxCalendar['events'][number] | undefined
  for (const line of lines) {
    const key = name(line)
    if (key === 'METHOD' && !event) method = value(line)
    else if (line.toUpperCase() === 'BEGIN:VEVENT') event = { summary: '', start: '', end: '', status: '' }
    else if (line.toUpperCase() === 'END:VEVENT' && event) {
      events.push(event)
      event = undefined
    } else if (event && key === 'SUMMARY') event.summary = value(line)
    else if (event && key === 'DTSTART') event.start = value(line)
    else if (event && key === 'DTEND') event.end = value(line)
    else if (event && key === 'STATUS') event.status = value(line)
  }
  return { method, events }
}

/** A text message file: "To:" and other headers, a blank line, then the message. */
function readText(file: string, content: string, modifiedAt: Date): OutboxEntry {
  const split = content.indexOf('\n\n')
  const head = split === -1 ? content : content.slice(0, split)
  const body = split === -1 ? '' : content.slice(split + 2)
  const to = /^To: (.*)$/m.exec(head)?.[1] ?? ''
  return { file, channel: 'sms', modifiedAt, to, subject: 'Text message', text: body, html: undefined, attachments: [] }
}
