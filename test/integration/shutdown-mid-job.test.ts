import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { openDatabase, runMigrations, type Database } from '../../src/db/database.js'
import { createAgenda } from '../../jobs/agenda.js'
import { DELIVER_DUE_NOTIFICATIONS } from '../../jobs/job-names.js'
import { seedDueReminders } from '../../bench/seed-reminders.js'
import { AppProcess } from '../support/app-process.js'
import { FakeSmtpServer } from '../support/fake-smtp.js'
import { testDatabase } from '../support/root-hooks.js'
import { resetDatabase, testLogger } from '../support/test-database.js'

const SECRET = 'shutdown-mid-job-test-secret-0123456789'

/**
 * The database the worker will run on: on a PostgreSQL server, the run's own; on the embedded
 * database, a new one in its own directory (the run's belongs to this process), which the worker
 * opens after this test has closed it, and this test opens again once the worker has exited.
 */
async function workerDatabase(dataDir: string): Promise<{ env: Record<string, string>; open: () => Promise<Database>; owned: boolean }> {
  const url = testDatabase().url
  if (url) {
    await resetDatabase(testDatabase())
    return { env: { DATABASE_URL: url }, open: () => Promise.resolve(testDatabase()), owned: false }
  }
  const open = async () => openDatabase({ dataDir, poolSize: 2, logger: testLogger })
  const database = await open()
  await runMigrations(database)
  await database.close()
  return { env: { DATABASE_URL: '' }, open, owned: true }
}

describe('graceful shutdown while a job is running', function () {
  this.timeout(120_000)
  let smtp: FakeSmtpServer
  let dataDir: string
  let app: AppProcess | undefined

  beforeEach(async () => {
    smtp = await FakeSmtpServer.start()
    dataDir = mkdtempSync(join(tmpdir(), 'fh-shutdown-job-'))
  })

  afterEach(async () => {
    app?.kill()
    await smtp.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('on SIGTERM mid-send, waits for the job to record what it sent before closing the database, then exits 0', async () => {
    const target = await workerDatabase(dataDir)
    // One family with an email and a text reminder due now, and a delivery run queued.
    const seeding = await target.open()
    await seedDueReminders(seeding.db, { families: 1, secret: SECRET, tag: 'shutdown' })
    await createAgenda({ pool: seeding.pool, listen: false, pollSeconds: 1, name: 'test' }).now(DELIVER_DUE_NOTIFICATIONS, {})
    if (target.owned) await seeding.close()

    // The SMTP server takes the email and then does not answer: the delivery job is mid-send.
    const held = smtp.hold()
    app = new AppProcess(
      {
        ...target.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
        SEED_DEMO_DATA: 'false',
        SESSION_SECRET: SECRET,
        SMTP_URL: smtp.url,
        JOB_POLL_SECONDS: '1',
      },
      ['--worker'],
    )
    await Promise.race([held.arrived, app.exited.then(() => expect.fail(`the worker exited before sending:\n${app!.output}`))])
    app.child.kill('SIGTERM')
    // The send ends only once the worker has either said it waits for the job or exited without
    // waiting (as it did before the fix: it closed the database and exited 0, the email unrecorded).
    await Promise.race([app.exited, app.waitFor(/waiting for running jobs to end/).catch(() => undefined)])
    held.release()
    const { code, output } = await app.finished()

    expect(code, `exit code after SIGTERM; the worker's output:\n${output}`).to.equal(0)
    expect(output).not.to.match(/Cannot use a pool after calling end|job system error|still running at shutdown/)
    const reading = await target.open()
    try {
      const rows = await reading.db.execute<{ channel: string; state: string }>(
        sql`select channel, state from notifications order by channel`,
      )
      expect(rows.rows.map((row) => `${row.channel}: ${row.state}`)).to.deep.equal(['email: sent', 'sms: sent'])
    } finally {
      if (target.owned) await reading.close()
    }
    expect(smtp.messages, 'the email arrived').to.have.length(1)
  })
})
