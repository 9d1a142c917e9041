import { createTestDatabase, type TestDatabase } from './test-database.js'

let shared: TestDatabase | undefined

/** The run's one database, made before the first test and removed after the last. */
export function testDatabase(): TestDatabase {
  if (!shared) throw new Error('No test database: unit tests (test/unit) run without one; use it from an integration or e2e test')
  return shared
}

/**
 * True when every file in the run is a unit test. `npm run test:unit` then opens no database at
 * all, so it runs in seconds and needs neither PostgreSQL nor the embedded one.
 */
function onlyUnitTests(root: Mocha.Suite): boolean {
  return root.suites.every((suite) => /[\\/]test[\\/]unit[\\/]/.test(suite.file ?? ''))
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    const root = this.test?.parent
    if (root && onlyUnitTests(root)) return
    this.timeout(120_000)
    shared = await createTestDatabase()
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000)
    await shared?.destroy()
    shared = undefined
  },
}
