import { createTestDatabase, type TestDatabase } from './test-database.js'

let shared: TestDatabase | undefined

/** The run's one database, made before the first test and removed after the last. */
export function testDatabase(): TestDatabase {
  if (!shared) throw new Error('The test database is made in the root hooks; use it inside a test or hook')
  return shared
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000)
    shared = await createTestDatabase()
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000)
    await shared?.destroy()
  },
}
