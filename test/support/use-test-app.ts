import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testDatabase } from './root-hooks.js'
import { resetDatabase, type TestDatabase } from './test-database.js'
import { buildTestApp, type TestApp } from './test-app.js'
import { FakeSmtpServer } from './fake-smtp.js'
import { FakeTwilioApi } from './fake-twilio.js'

/*
 * Mocha hooks registered from inside a helper: call these at the top of a describe() and use the
 * returned object in its tests. Its fields are filled in by the hooks, so read them inside a test
 * or hook, never at describe time.
 */

/** How often the database is emptied and the app built: before every test, or once for the describe. */
type Fresh = 'each' | 'once'

function register(fresh: Fresh, setUp: () => Promise<void>, tearDown?: () => Promise<void> | void): void {
  if (fresh === 'once') {
    before(setUp)
    if (tearDown) after(tearDown)
  } else {
    beforeEach(setUp)
    if (tearDown) afterEach(tearDown)
  }
}

/** An empty database (every table truncated) before each test, or once. */
export function useEmptyDatabase(fresh: Fresh = 'each'): void {
  register(fresh, () => resetDatabase(testDatabase()))
}

export interface Fakes {
  /** An SMTP server on loopback; read what arrived in `smtp.messages`. */
  smtp: FakeSmtpServer
  /** The Twilio REST API on loopback, for the real twilio client; `twilio.env()` points the app at it. */
  twilio: FakeTwilioApi
}

/**
 * The loopback SMTP server and fake Twilio API: started once for the describe; before each test,
 * back up (a test may have stopped the SMTP server) and emptied of messages and of any failures a
 * test asked for; stopped at the end.
 */
export function useFakes(which: { smtp?: boolean; twilio?: boolean }): Fakes {
  const fakes = {} as Fakes
  before(async () => {
    if (which.smtp) fakes.smtp = await FakeSmtpServer.start()
    if (which.twilio) fakes.twilio = await FakeTwilioApi.start()
  })
  beforeEach(async () => {
    await fakes.smtp?.restart()
    fakes.smtp?.reset()
    fakes.twilio?.reset()
  })
  after(async () => {
    await fakes.smtp?.stop()
    await fakes.twilio?.stop()
  })
  return fakes
}

export interface TestAppOptions {
  /** Settings on top of the test defaults; a function when they name a fake (`SMTP_URL: smtp.url`). */
  env?: Record<string, string> | ((fakes: Fakes) => Record<string, string>)
  /** Start the loopback SMTP server and/or fake Twilio API (see useFakes). */
  fakes?: { smtp?: boolean; twilio?: boolean }
  /** A temporary DATA_DIR of the test's own (for the dev outbox's files), removed afterwards. */
  ownDataDir?: boolean
  /** 'each' (the default): empty database and a new app before every test; 'once': for the describe. */
  fresh?: Fresh
  /** Runs on the empty database before the app is built (demo data, shared fixtures). */
  seed?: () => Promise<unknown>
}

export interface TestContext extends TestApp, Fakes {
  /** The run's database (the same one the app uses). */
  database: TestDatabase
  /** The test's own DATA_DIR when `ownDataDir` was asked for. */
  dataDir: string
}

/**
 * The real app on an empty database, built by the one place that builds services (buildTestApp),
 * with the fakes it talks to. A test that needs a second app with other settings calls
 * buildTestApp itself.
 */
export function useTestApp(options: TestAppOptions = {}): TestContext {
  const fresh = options.fresh ?? 'each'
  const fakes = options.fakes ? useFakes(options.fakes) : ({} as Fakes)
  const ctx = {} as TestContext
  register(
    fresh,
    async () => {
      const database = testDatabase()
      await resetDatabase(database)
      await options.seed?.()
      const env = typeof options.env === 'function' ? options.env(fakes) : { ...options.env }
      if (options.ownDataDir) {
        ctx.dataDir = mkdtempSync(join(tmpdir(), 'fh-test-data-'))
        env.DATA_DIR = ctx.dataDir
      }
      Object.assign(ctx, fakes, { database }, await buildTestApp(env))
    },
    () => {
      if (options.ownDataDir && ctx.dataDir) rmSync(ctx.dataDir, { recursive: true, force: true })
    },
  )
  return ctx
}
