import { expect } from 'chai'
import { availableParallelism } from 'node:os'
import { ConfigError, loadConfig } from '../../src/config.js'
import { prettyLogs } from '../../src/logger.js'
import { publicUrl } from '../../src/start-up-messages.js'
import { embeddedDatabaseUrl } from '../../src/web-cluster.js'

const production = { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-at-least-32-chars' }

describe('start-up settings', () => {
  describe('WEB_CONCURRENCY', () => {
    it('is one web process in development, and one per CPU core in production', () => {
      expect(loadConfig({}).webConcurrency).to.equal(1)
      expect(loadConfig(production).webConcurrency).to.equal(availableParallelism())
      expect(loadConfig({ ...production, WEB_CONCURRENCY: '3' }).webConcurrency).to.equal(3)
    })

    it('names WEB_CONCURRENCY when it is not a whole number from 1 to 64', () => {
      for (const value of ['0', 'two', '1.5', '65']) {
        expect(() => loadConfig({ WEB_CONCURRENCY: value })).to.throw(
          ConfigError,
          'Invalid setting WEB_CONCURRENCY: expected a whole number from 1 to 64',
        )
      }
    })
  })

  describe('log format', () => {
    it('is pretty at a terminal outside production, JSON when piped, and always JSON in production', () => {
      expect(prettyLogs(loadConfig({}), true)).to.equal(true)
      expect(prettyLogs(loadConfig({}), false)).to.equal(false)
      expect(prettyLogs(loadConfig({ LOG_FORMAT: 'pretty' }), false)).to.equal(true)
      expect(prettyLogs(loadConfig({ LOG_FORMAT: 'json' }), true)).to.equal(false)
      expect(prettyLogs(loadConfig({ ...production, LOG_FORMAT: 'pretty' }), true)).to.equal(false)
    })
  })

  describe('the address printed at start-up', () => {
    it('is the port the server really listens on when BASE_URL is not set, and BASE_URL when it is', () => {
      expect(publicUrl(loadConfig({ PORT: '0' }), 'http://localhost:41234')).to.equal('http://localhost:41234')
      expect(publicUrl(loadConfig({}), 'http://localhost:3000')).to.equal('http://localhost:3000')
      expect(publicUrl(loadConfig({ BASE_URL: 'https://book.example.org' }), 'http://localhost:3000')).to.equal('https://book.example.org')
    })
  })

  it('points forked web processes at the embedded database through its socket, as a valid DATABASE_URL', () => {
    const url = embeddedDatabaseUrl('/tmp/a data dir')
    expect(url).to.equal('postgres://postgres@localhost:5432/postgres?host=%2Ftmp%2Fa%20data%20dir')
    expect(loadConfig({ DATABASE_URL: url }).database.url).to.equal(url)
  })
})
