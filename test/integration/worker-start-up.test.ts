import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { loadConfig } from '../../src/config.js'
import { openDatabase, runMigrations, type Database } from '../../src/db/database.js'
import { startRuntime, type Runtime } from '../../src/runtime.js'
import { seedDueReminders } from '../../bench/seed-reminders.js'
import { testDatabase } from '../support/root-hooks.js'
import { resetDatabase, testLogger } from '../support/test-database.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The summarised sessions' ids. */
async function summarised(database: Database): Promise<number[]> {
  const result = await database.db.execute<{ id: number }>(sql`select session_id as id from session_attendance_summaries order by 1`)
  return result.rows.map((row) => Number(row.id))
}

describe('job worker start-up', function () {
  this.timeout(120_000)
  let dataDir: string
  let runtime: Runtime | undefined

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fh-worker-start-'))
  })

  afterEach(async () => {
    await runtime?.stop()
    runtime = undefined
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('summarises the sessions that ended before it started at once, not at the first 10-minute run', async () => {
    // On a PostgreSQL server the run's database; on the embedded one a new one, made and closed
    // here first (the run's belongs to this process's own tests).
    const url = testDatabase().url
    let seeding: Database
    if (url) {
      await resetDatabase(testDatabase())
      seeding = testDatabase()
    } else {
      seeding = await openDatabase({ dataDir, poolSize: 2, logger: testLogger })
      await runMigrations(seeding)
    }
    await seedDueReminders(seeding.db, { families: 1, secret: 'x'.repeat(32), tag: 'start-up' })
    // Its one session ended yesterday, and has no summary.
    await seeding.db.execute(
      sql`update sessions set starts_at = now() - interval '1 day', ends_at = now() - interval '1 day' + interval '1 hour'`,
    )
    const sessionIds = (await seeding.db.execute<{ id: number }>(sql`select id from sessions`)).rows.map((row) => Number(row.id))
    expect(await summarised(seeding)).to.deep.equal([])
    if (!url) await seeding.close()

    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SEED_DEMO_DATA: 'false',
      JOB_POLL_SECONDS: '1',
      ...(url ? { DATABASE_URL: url } : {}),
    })
    runtime = await startRuntime({ config, logger: testLogger, web: false, worker: true })
    // A deadline that only guards against a hang: without the start-up run, the first would come 10 minutes later.
    const deadline = Date.now() + 60_000
    while ((await summarised(runtime.database)).length < sessionIds.length && Date.now() < deadline) await sleep(50)
    expect(await summarised(runtime.database)).to.deep.equal(sessionIds)
  })
})
