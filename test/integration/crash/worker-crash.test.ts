import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { FakeSmtpServer } from '../../support/fake-smtp.js'
import { FakeTwilioApi } from '../../support/fake-twilio.js'
import { seedDueReminders, type SeededReminders } from '../../../bench/seed-reminders.js'
import { DELIVER_DUE_NOTIFICATIONS, REMINDER_MINUTE_TICK } from '../../../jobs/job-names.js'
import { sleep, WorkerProcess } from './worker-process.js'

/** How many reminder rows are in each state. */
async function stateCounts(): Promise<Record<string, number>> {
  const result = await testDatabase().db.execute<{ state: string; n: number }>(
    sql`select state, count(*)::int as n from notifications group by state`,
  )
  return Object.fromEntries(result.rows.map((row) => [row.state, Number(row.n)]))
}

/** Waits for a condition, with a deadline that only guards against a hang (it asserts nothing about speed). */
async function waitUntil(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000, every = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`)
    await sleep(every)
  }
}

/**
 * Counts what arrived at the fake servers, per recipient: every family must have exactly one email
 * and one text. The failure message names what went wrong: a duplicate, or a message that never came.
 */
function expectExactlyOnce(seeded: SeededReminders, smtp: FakeSmtpServer, twilio: FakeTwilioApi): void {
  const emailsPer = new Map<string, number>()
  for (const message of smtp.messages) for (const to of message.envelope.to) emailsPer.set(to, (emailsPer.get(to) ?? 0) + 1)
  const textsPer = new Map<string, number>()
  for (const message of twilio.messages) textsPer.set(message.to, (textsPer.get(message.to) ?? 0) + 1)
  const wrongEmails = seeded.emails.filter((email) => emailsPer.get(email) !== 1).map((email) => `${email}: ${emailsPer.get(email) ?? 0}`)
  const wrongTexts = seeded.phones.filter((phone) => textsPer.get(phone) !== 1).map((phone) => `${phone}: ${textsPer.get(phone) ?? 0}`)
  expect(wrongEmails, 'emails not received exactly once').to.deep.equal([])
  expect(wrongTexts, 'texts not received exactly once').to.deep.equal([])
  expect(smtp.messages).to.have.length(seeded.emails.length)
  expect(twilio.messages).to.have.length(seeded.phones.length)
  expect(
    [...smtp.countByMessageId().values()].every((n) => n === 1),
    'no Message-ID twice',
  ).to.equal(true)
}

describe('Reminders: workers that crash, and workers side by side (PostgreSQL server only)', function () {
  this.timeout(180_000)
  before(function () {
    // The embedded database belongs to the test process: a second process cannot open it.
    if (!testDatabase().url) this.skip()
  })
  const t = useTestApp({ fakes: { smtp: true, twilio: true }, env: ({ smtp, twilio }) => ({ ...twilio.env(), SMTP_URL: smtp.url }) })
  let dataDir: string
  const workers: WorkerProcess[] = []

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fh-crash-'))
  })

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  function startWorker(): WorkerProcess {
    const worker = new WorkerProcess({
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: testDatabase().url!,
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'false',
      SMTP_URL: t.smtp.url,
      ...t.twilio.env(),
      BASE_URL: 'https://familyhubs.example.org',
      JOB_POLL_SECONDS: '1',
      // A claim older than this is a dead worker's. The fakes answer in milliseconds, so 5 seconds
      // is far above any send here (in production it must stay above the Twilio and SMTP timeouts).
      NOTIFICATION_CLAIM_TIMEOUT_SECONDS: '5',
    })
    workers.push(worker)
    return worker
  }

  it('sends each of 500 reminders exactly once when the worker is killed (SIGKILL) mid-send and restarted', async () => {
    const seeded = await seedDueReminders(testDatabase().db, { families: 250, secret: t.config.sessionSecret, tag: 'crash' })
    expect(seeded.count).to.equal(500)

    const first = startWorker()
    await first.started()
    await t.agenda.now(DELIVER_DUE_NOTIFICATIONS, {})
    // Kill it once a good part has gone, while sends are in flight (rows claimed, not yet settled).
    let inFlight = 0
    await waitUntil(
      async () => {
        if (t.smtp.messages.length + t.twilio.messages.length < 150) return false
        inFlight = (await stateCounts()).sending ?? 0
        return inFlight > 0
      },
      'the first worker to be sending',
      90_000,
      5,
    )
    await first.kill()
    const atKill = { arrived: t.smtp.messages.length + t.twilio.messages.length, states: await stateCounts() }
    expect(atKill.arrived, 'killed before it had sent everything').to.be.below(500)

    const second = startWorker()
    await second.started()
    // Runs of the delivery job until every row is settled: the dead worker's claims are settled
    // once they are older than the claim timeout (re-queued, or found at Twilio and marked sent).
    await waitUntil(
      async () => {
        const states = await stateCounts()
        if ((states.sent ?? 0) + (states.delivered ?? 0) === 500) return true
        await t.agenda.now(DELIVER_DUE_NOTIFICATIONS, {})
        return false
      },
      'every reminder to be sent after the restart',
      120_000,
      2000,
    )

    // Nothing more arrives later: give stray sends a moment, then count.
    await sleep(500)
    expectExactlyOnce(seeded, t.smtp, t.twilio)
    expect(await stateCounts()).to.deep.equal({ sent: 500 })
    // What the kill left behind, for the record (mocha prints it with --reporter spec).
    console.log(`      killed after ${atKill.arrived} messages arrived; rows then: ${JSON.stringify(atKill.states)}`)
  })

  it('sends each of 1,000 reminders exactly once with two workers delivering at the same time', async () => {
    const seeded = await seedDueReminders(testDatabase().db, { families: 500, secret: t.config.sessionSecret, tag: 'pair' })
    expect(seeded.count).to.equal(1000)
    const a = startWorker()
    const b = startWorker()
    await Promise.all([a.started(), b.started()])
    // Two delivery runs at one instant a few seconds ahead: each worker locks one (the tick job
    // takes one lock per worker), so both start claiming the same due rows together.
    const at = new Date(Date.now() + 3000)
    await t.agenda.schedule(at, REMINDER_MINUTE_TICK, {})
    await t.agenda.schedule(at, REMINDER_MINUTE_TICK, {})
    await waitUntil(
      async () => {
        const states = await stateCounts()
        return (states.sent ?? 0) === 1000
      },
      'every reminder to be sent',
      120_000,
      200,
    )
    await sleep(500)
    expectExactlyOnce(seeded, t.smtp, t.twilio)
    expect(a.sentCount(), 'sends by the first worker').to.be.greaterThan(0)
    expect(b.sentCount(), 'sends by the second worker').to.be.greaterThan(0)
    expect(a.sentCount() + b.sentCount()).to.equal(1000)
    console.log(`      worker ${a.pid} sent ${a.sentCount()}, worker ${b.pid} sent ${b.sentCount()}`)
  })
})
