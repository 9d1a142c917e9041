import { expect } from 'chai'
import { ConfigError, loadConfig } from '../../src/config.js'

const problem = (env: Record<string, string>): string => {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('configuration', () => {
  it('runs with no settings at all, on the embedded database', () => {
    const config = loadConfig({})
    expect(config.port).to.equal(3000)
    expect(config.database.url).to.equal(undefined)
    expect(config.baseUrl).to.equal('http://localhost:3000')
  })

  it('names PORT and what it expects when PORT is wrong', () => {
    expect(problem({ PORT: 'eighty' })).to.equal('Invalid setting PORT: expected a whole number from 1 to 65535')
    expect(problem({ PORT: '70000' })).to.match(/^Invalid setting PORT: expected a whole number from 1 to 65535$/)
  })

  it('names DATABASE_URL when it is not a PostgreSQL URL', () => {
    expect(problem({ DATABASE_URL: 'mysql://localhost/x' })).to.match(/^Invalid setting DATABASE_URL: expected a PostgreSQL URL/)
  })

  it('reads the Open Referral API settings, with defaults', () => {
    expect(loadConfig({}).rateLimits.orukApiPerMinute).to.equal(120)
    expect(loadConfig({}).oruk.organisationName).to.equal('Family Hubs')
    expect(loadConfig({ ORUK_ORGANISATION_NAME: ' Coventry Family Hubs ' }).oruk.organisationName).to.equal('Coventry Family Hubs')
    expect(problem({ RATE_LIMIT_ORUK_API_PER_MINUTE: '0' })).to.match(
      /^Invalid setting RATE_LIMIT_ORUK_API_PER_MINUTE: expected a whole number/,
    )
    expect(problem({ ORUK_ORGANISATION_NAME: '  ' })).to.match(/^Invalid setting ORUK_ORGANISATION_NAME:/)
  })

  it('keeps personal data 24 months by default, and names RETENTION_MONTHS when it is not a whole number of months', () => {
    expect(loadConfig({}).dataProtection.retentionMonths).to.equal(24)
    expect(loadConfig({ RETENTION_MONTHS: '36' }).dataProtection.retentionMonths).to.equal(36)
    expect(problem({ RETENTION_MONTHS: '0' })).to.equal('Invalid setting RETENTION_MONTHS: expected a whole number of months, at least 1')
    expect(problem({ RETENTION_MONTHS: 'two years' })).to.match(/^Invalid setting RETENTION_MONTHS:/)
  })

  it('requires a long SESSION_SECRET in production', () => {
    expect(problem({ NODE_ENV: 'production' })).to.match(/^Invalid setting SESSION_SECRET:/)
    expect(problem({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).to.match(
      /^Invalid setting SESSION_SECRET: expected at least 32 characters/,
    )
  })

  it('asks for the rest of the Twilio settings once one is given', () => {
    expect(problem({ TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32) })).to.match(/^Invalid setting TWILIO_AUTH_TOKEN:/)
    expect(problem({ TWILIO_ACCOUNT_SID: 'not-a-sid' })).to.match(/^Invalid setting TWILIO_ACCOUNT_SID:/)
  })
})
