/**
 * npm run bench:reminders
 *
 * Schedules 10,000 reminders (5,000 emails and 5,000 texts) due now, runs the real worker (agenda,
 * the delivery job, SMTP and the twilio client) against a local SMTP server and the fake Twilio API,
 * and prints its throughput next to a bare loop of nodemailer and twilio sends to the same servers,
 * in the same run. Uses the PostgreSQL server when DATABASE_URL is set (in a throwaway database
 * made and dropped here), else the embedded database in a temporary folder.
 *
 * BENCH_FAMILIES (default 5000) sets the size: two reminders per family.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import pg from 'pg'
import twilio from 'twilio'
import { loadConfig } from '../src/config.js'
import { createLogger } from '../src/logger.js'
import { startRuntime } from '../src/runtime.js'
import { DELIVER_DUE_NOTIFICATIONS } from '../src/jobs/job-names.js'
import { FakeSmtpServer } from '../test/support/fake-smtp.js'
import { FakeTwilioApi } from '../test/support/fake-twilio.js'
import { seedDueReminders } from './seed-reminders.js'

const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 5000)
/** The bare loop keeps as many sends in flight as the worker's batch (DEFAULT_DELIVERY_OPTIONS.batchSize). */
const LANES = 20

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const perSecond = (count: number, ms: number) => (count / ms) * 1000

/** A throwaway database on the server named by DATABASE_URL, or undefined for embedded. */
async function throwawayDatabase(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) return { url: undefined, drop: async () => undefined }
  const name = `fh_bench_${process.pid}_${Date.now()}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
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

async function main(): Promise<void> {
  const smtp = await FakeSmtpServer.start()
  const fakeTwilio = await FakeTwilioApi.start()
  const dataDir = mkdtempSync(join(tmpdir(), 'fh-bench-'))
  const database = await throwawayDatabase()
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
  const runtime = await startRuntime({ config, logger: createLogger('silent'), web: false, worker: false })
  try {
    const mode = runtime.database.mode === 'server' ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)'
    console.log(`Reminder delivery benchmark: ${FAMILIES * 2} reminders (${FAMILIES} emails, ${FAMILIES} texts), ${mode}`)
    const seeded = await seedDueReminders(runtime.database.db, { families: FAMILIES, secret: config.sessionSecret })

    // The worker: one delivery job, as a booking's commit queues it; it claims and sends in batches.
    await runtime.agenda.start()
    const started = Date.now()
    await runtime.agenda.now(DELIVER_DUE_NOTIFICATIONS, {})
    for (;;) {
      const result = await runtime.database.db.execute<{ left: number }>(sql`select count(*)::int as left from notifications where state not in ('sent', 'delivered', 'failed', 'skipped')`)
      if (Number(result.rows[0]!.left) === 0) break
      await sleep(100)
    }
    // A row is 'sent' from the moment its email is handed over: wait for the server's end of it.
    while (smtp.messages.length + fakeTwilio.messages.length < seeded.count && Date.now() - started < 600_000) await sleep(5)
    const workerMs = Date.now() - started
    const failed = await runtime.database.db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where state <> 'sent'`)
    const arrived = smtp.messages.length + fakeTwilio.messages.length
    if (arrived !== seeded.count || Number(failed.rows[0]!.n) !== 0) throw new Error(`The worker sent ${arrived} of ${seeded.count} (${failed.rows[0]!.n} rows not sent)`)

    // The bare loop: the same number of messages, straight from nodemailer and the twilio client.
    smtp.reset()
    fakeTwilio.reset()
    const transport = nodemailer.createTransport(smtp.url)
    const client = twilio(fakeTwilio.accountSid, fakeTwilio.authToken, { httpClient: new FakeBaseUrlClient(fakeTwilio.baseUrl) })
    const sample = 'Reminder: Understanding your child\'s behaviour, Wed 30 Sep, 10:30am, Foleshill Family Hub.\n'.repeat(20)
    const jobs = [
      ...seeded.emails.map((to) => () => transport.sendMail({ from: config.mail.from, to, subject: "Reminder: Understanding your child's behaviour", text: sample, html: `<p>${sample}</p>` })),
      ...seeded.phones.map((to) => () => client.messages.create({ to, from: fakeTwilio.from, body: "Reminder: Understanding your child's behaviour, Wed 30 Sep, 10:30am, Foleshill Family Hub. Reply CANCEL if you can't come." })),
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

    const worker = perSecond(seeded.count, workerMs)
    const bare = perSecond(jobs.length, bareMs)
    console.log(`Worker:    ${seeded.count} messages in ${(workerMs / 1000).toFixed(1)} s = ${worker.toFixed(0)} messages/s`)
    console.log(`Bare loop: ${jobs.length} messages in ${(bareMs / 1000).toFixed(1)} s = ${bare.toFixed(0)} messages/s (${LANES} sends in flight)`)
    console.log(`Ratio: the worker runs at ${((worker / bare) * 100).toFixed(0)}% of the bare loop's rate (${(bare / worker).toFixed(2)}x slower)`)
  } finally {
    await runtime.stop()
    await smtp.stop()
    await fakeTwilio.stop()
    await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
