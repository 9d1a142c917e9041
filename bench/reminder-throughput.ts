import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import twilio from 'twilio'
import { loadConfig } from '../src/config.js'
import { createLogger } from '../src/logger.js'
import { startRuntime } from '../src/runtime.js'
import { DELIVER_DUE_NOTIFICATIONS } from '../jobs/job-names.js'
import { FakeSmtpServer } from '../test/support/fake-smtp.js'
import { FakeTwilioApi } from '../test/support/fake-twilio.js'
import { seedDueReminders } from './seed-reminders.js'
import { createThrowawayDatabase } from './throwaway-database.js'

/** The bare loop keeps as many sends in flight as the worker's batch (DEFAULT_DELIVERY_OPTIONS.batchSize). */
const LANES = 20

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const perSecond = (count: number, ms: number) => (count / ms) * 1000

export interface ReminderThroughput {
  mode: string
  messages: number
  workerMs: number
  bareMs: number
  workerPerSecond: number
  barePerSecond: number
  /** In-flight sends in the bare loop. */
  lanes: number
}

/** A throwaway database on the server, or undefined for embedded. */
async function throwawayDatabase(serverUrl: string | undefined): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  if (!serverUrl) return { url: undefined, drop: async () => undefined }
  return createThrowawayDatabase(serverUrl)
}

/** The twilio client sending to the fake instead of api.twilio.com (the origin swapped, nothing else). */
class FakeBaseUrlClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: 20_000, autoRetry: false })
  }

  override request<TData>(options: Parameters<twilio.RequestClient['request']>[0] & { data?: TData }) {
    const original = new URL(options.uri)
    return super.request({ ...options, uri: `${this.baseUrl}${original.pathname}${original.search}` })
  }
}

/**
 * Schedules `families` x 2 reminders (one email, one text each) due now, runs the real worker (agenda,
 * the delivery job, SMTP and the twilio client) against a local SMTP server and the fake Twilio API,
 * then sends the same number of messages from a bare loop of nodemailer and twilio calls to the same
 * servers. On the server named by `serverUrl` (a throwaway database made and dropped here), else on
 * the embedded database in a temporary folder.
 */
export async function measureReminderThroughput(families: number, serverUrl: string | undefined): Promise<ReminderThroughput> {
  const smtp = await FakeSmtpServer.start()
  const fakeTwilio = await FakeTwilioApi.start()
  const dataDir = mkdtempSync(join(tmpdir(), 'fh-bench-'))
  let database: { url: string | undefined; drop: () => Promise<void> } | undefined
  let runtime: Awaited<ReturnType<typeof startRuntime>> | undefined
  try {
    database = await throwawayDatabase(serverUrl)
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      DATABASE_POOL_SIZE: '20',
      SEED_DEMO_DATA: 'false',
      SMTP_URL: smtp.url,
      ...fakeTwilio.env(),
      BASE_URL: 'https://familyhubs.example.org',
      JOB_POLL_SECONDS: '1',
    })
    // The worker's job processing starts after the rows are written (runtime.agenda.start() below):
    // on the embedded database, bulk inserts and agenda's polling would otherwise share the socket.
    runtime = await startRuntime({ config, logger: createLogger('silent'), web: false, worker: false })
    const mode = runtime.database.mode === 'server' ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)'
    const seeded = await seedDueReminders(runtime.database.db, { families, secret: config.sessionSecret })

    // The worker: one delivery job, as a booking's commit queues it; it claims and sends in batches.
    await runtime.agenda.start()
    const started = Date.now()
    await runtime.agenda.now(DELIVER_DUE_NOTIFICATIONS, {})
    while (Date.now() - started < 600_000) {
      const result = await runtime.database.db.execute<{ left: number }>(
        sql`select count(*)::int as left from notifications where state not in ('sent', 'delivered', 'failed', 'skipped')`,
      )
      if (Number(result.rows[0]!.left) === 0) break
      await sleep(100)
    }
    // A row is 'sent' from the moment its email is handed over: wait for the server's end of it.
    while (smtp.messages.length + fakeTwilio.messages.length < seeded.count && Date.now() - started < 600_000) await sleep(5)
    const workerMs = Date.now() - started
    const failed = await runtime.database.db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where state <> 'sent'`)
    const arrived = smtp.messages.length + fakeTwilio.messages.length
    if (arrived !== seeded.count || Number(failed.rows[0]!.n) !== 0)
      throw new Error(`The worker sent ${arrived} of ${seeded.count} (${failed.rows[0]!.n} rows not sent)`)

    // The bare loop: the same number of messages, straight from nodemailer and the twilio client.
    smtp.reset()
    fakeTwilio.reset()
    const transport = nodemailer.createTransport(smtp.url)
    const client = twilio(fakeTwilio.accountSid, fakeTwilio.authToken, { httpClient: new FakeBaseUrlClient(fakeTwilio.baseUrl) })
    const sample = "Reminder: Understanding your child's behaviour, Wed 30 Sep, 10:30am, Foleshill Family Hub.\n".repeat(20)
    const jobs = [
      ...seeded.emails.map(
        (to) => () =>
          transport.sendMail({
            from: config.mail.from,
            to,
            subject: "Reminder: Understanding your child's behaviour",
            text: sample,
            html: `<p>${sample}</p>`,
          }),
      ),
      ...seeded.phones.map(
        (to) => () =>
          client.messages.create({
            to,
            from: fakeTwilio.from,
            body: "Reminder: Understanding your child's behaviour, Wed 30 Sep, 10:30am, Foleshill Family Hub. Reply CANCEL if you can't come.",
          }),
      ),
    ]
    const bareStarted = Date.now()
    let next = 0
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (next < jobs.length) await jobs[next++]!()
      }),
    )
    const bareMs = Date.now() - bareStarted
    transport.close()
    return {
      mode,
      messages: seeded.count,
      workerMs,
      bareMs,
      workerPerSecond: perSecond(seeded.count, workerMs),
      barePerSecond: perSecond(jobs.length, bareMs),
      lanes: LANES,
    }
  } finally {
    await runtime?.stop()
    await smtp.stop()
    await fakeTwilio.stop()
    await database?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
