import { expect } from 'chai'
import { spawnSync } from 'node:child_process'
import request from 'supertest'
import { fromRoot } from '../../src/project-root.js'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/database.js'
import { dataAccess } from '../../src/data/index.js'
import { services as buildServices } from '../../src/services/index.js'
import { createApp } from '../../src/app.js'
import { testLogger } from '../support/test-database.js'

/** Starts the real entry point the way `npm start` does, with a broken setting. */
function startWith(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', fromRoot('src', 'main.ts')], {
    cwd: fromRoot(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: '/nonexistent-never-used', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe('start-up', () => {
  it('stops with one line naming PORT when PORT is wrong', () => {
    const result = startWith({ PORT: 'not-a-port' })
    expect(result.status).to.equal(1)
    expect(result.stderr.trim()).to.equal('Invalid setting PORT: expected a whole number from 1 to 65535')
  })

  it('stops with one line naming DATABASE_URL when it is not a PostgreSQL URL', () => {
    const result = startWith({ DATABASE_URL: 'http://example.com/db' })
    expect(result.status).to.equal(1)
    expect(result.stderr.trim().split('\n')).to.have.length(1)
    expect(result.stderr).to.match(/^Invalid setting DATABASE_URL: expected a PostgreSQL URL/)
  })

  it('answers /readyz with 503 when the database is down', async () => {
    // A pool pointed at a port where nothing listens: the database is unreachable.
    const database = await openDatabase({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/none',
      dataDir: '/tmp',
      poolSize: 1,
      logger: testLogger,
    })
    const config = loadConfig({ NODE_ENV: 'test' })
    const queue = { scheduleOfferExpiry: async () => undefined, wakeDelivery: async () => undefined }
    const services = buildServices(dataAccess(database, config, testLogger), queue)
    const app = createApp({ services, pool: database.pool })
    try {
      const res = await request(app).get('/readyz').expect(503)
      expect(res.body.status).to.equal('database unreachable')
      await request(app).get('/healthz').expect(200)
    } finally {
      await database.close()
    }
  })
})
