import { expect } from 'chai'
import { newReference, normaliseReference, REFERENCE_ALPHABET } from '../../../src/services/booking/references.js'
import { offerExpiry } from '../../../src/services/booking/offer-timing.js'
import { formatUkPhone, normaliseEmail, parseUkMobile } from '../../../src/services/booking/contact-details.js'
import { googleLink, outlookLink } from '../../../src/services/booking/calendar-links.js'
import { databaseRefusal } from '../../../src/data/booking/database-errors.js'
import { parseDateParts } from '../../../src/routes/booking/validation/date-parts.js'
import { firstMissingStep, newJourney } from '../../../src/routes/booking/journey-state.js'

const HOUR = 60 * 60 * 1000

describe('booking references', () => {
  it('look like FH-7K3P-Q9 and never use 0, O, 1 or I', () => {
    const references = Array.from({ length: 2000 }, newReference)
    for (const reference of references) expect(reference).to.match(/^FH-[A-Z2-9]{4}-[A-Z2-9]{2}$/)
    expect(references.map((r) => r.slice(3)).join('')).not.to.match(/[01OI]/)
    expect(REFERENCE_ALPHABET).to.have.length(32)
    expect(new Set(references).size).to.be.greaterThan(1990)
  })

  it('are found however they are typed or read out, and lookalikes are refused', () => {
    expect(normaliseReference('fh 7k3p q9')).to.equal('FH-7K3P-Q9')
    expect(normaliseReference('7K3PQ9')).to.equal('FH-7K3P-Q9')
    expect(normaliseReference('FH-7K3P-Q0')).to.equal(undefined)
    expect(normaliseReference('FH-7K3P')).to.equal(undefined)
  })
})

describe('offer expiry', () => {
  const settings = { offerHours: 24, minHoursBeforeStart: 2 }
  const now = new Date('2026-05-01T09:00:00Z')

  it('holds a place for the configured time when the course is far off', () => {
    expect(offerExpiry(now, new Date(now.getTime() + 72 * HOUR), settings)?.getTime()).to.equal(now.getTime() + 24 * HOUR)
  })

  it('ends at least 2 hours before the first session', () => {
    expect(offerExpiry(now, new Date(now.getTime() + 10 * HOUR), settings)?.getTime()).to.equal(now.getTime() + 8 * HOUR)
  })

  it('makes no offer when that leaves no time', () => {
    expect(offerExpiry(now, new Date(now.getTime() + 2 * HOUR), settings)).to.equal(undefined)
    expect(offerExpiry(now, new Date(now.getTime() + HOUR), settings)).to.equal(undefined)
    expect(offerExpiry(now, null, settings)).to.equal(undefined)
  })
})

describe('contact details', () => {
  it('keeps UK mobile numbers in E.164 and refuses landlines and foreign numbers', () => {
    expect(parseUkMobile('07123 456789')).to.equal('+447123456789')
    expect(parseUkMobile('+44 7123 456 789')).to.equal('+447123456789')
    expect(parseUkMobile('020 7946 0000')).to.equal(undefined)
    expect(parseUkMobile('+33 6 12 34 56 78')).to.equal(undefined)
    expect(parseUkMobile('hello')).to.equal(undefined)
    // Ofcom's drama range, used in GOV.UK's examples, our hint text and the demo data
    expect(parseUkMobile('07700 900982')).to.equal('+447700900982')
    expect(parseUkMobile('07700 901982')).to.equal(undefined)
    expect(formatUkPhone('+447123456789')).to.equal('07123 456789')
  })

  it('lower-cases email addresses and refuses ones without a domain', () => {
    expect(normaliseEmail(' Sam@Example.COM ')).to.equal('sam@example.com')
    expect(normaliseEmail('sam@example')).to.equal(undefined)
    expect(normaliseEmail('sam example.com')).to.equal(undefined)
  })
})

describe('calendar links', () => {
  const start = new Date('2026-07-07T09:00:00Z')
  const end = new Date('2026-07-07T11:00:00Z')

  it('builds a Google Calendar template link in UTC', () => {
    const url = new URL(googleLink('Baby massage', start, end, 'Ref FH-7K3P-Q9', 'Hub, 1 Street'))
    expect(url.searchParams.get('dates')).to.equal('20260707T090000Z/20260707T110000Z')
    expect(url.searchParams.get('text')).to.equal('Baby massage')
  })

  it('builds an Outlook compose link with ISO times', () => {
    const url = new URL(outlookLink('Baby massage', start, end, 'Ref', 'Hub'))
    expect(url.searchParams.get('startdt')).to.equal('2026-07-07T09:00:00.000Z')
    expect(url.searchParams.get('subject')).to.equal('Baby massage')
  })
})

describe('database refusals', () => {
  it('finds the SQLSTATE and constraint inside drizzle’s wrapped error', () => {
    const pgError = Object.assign(new Error('new row violates check constraint'), { code: '23514', constraint: 'course_not_overbooked' })
    const wrapped = Object.assign(new Error('Failed query'), { cause: pgError })
    expect(databaseRefusal(wrapped)).to.deep.equal({ kind: 'check', constraint: 'course_not_overbooked' })
    expect(databaseRefusal(Object.assign(new Error('x'), { code: '40P01' }))).to.deep.equal({ kind: 'retry', constraint: undefined })
    expect(databaseRefusal(new Error('plain'))).to.equal(undefined)
  })
})

describe('journey steps', () => {
  it('names the first question not yet answered', () => {
    const journey = newJourney(1)
    expect(firstMissingStep(journey)).to.equal('yourDetails')
    journey.details = { fullName: 'Sam', email: 'sam@example.com', phone: null }
    expect(firstMissingStep(journey)).to.equal('contact')
    journey.contact = { byEmail: true, bySms: false }
    expect(firstMissingStep(journey)).to.equal('children')
    journey.childrenDone = true
    expect(firstMissingStep(journey)).to.equal('support')
    journey.support = { interpreterLanguage: null, stepFree: false, childcare: false, other: null }
    expect(firstMissingStep(journey)).to.equal('check')
  })
})

describe('dates typed in three boxes', () => {
  it('explains what is missing or wrong in GOV.UK words', () => {
    expect(parseDateParts({ day: '1', month: '', year: '2024' }, 'Date of birth')).to.deep.include({
      ok: false,
      message: 'Date of birth must include a month',
    })
    expect(parseDateParts({ day: '30', month: '2', year: '2024' }, 'Date of birth')).to.deep.include({
      ok: false,
      message: 'Date of birth must be a real date',
    })
    expect(parseDateParts({ day: 'x', month: '2', year: '2024' }, 'Date of birth')).to.deep.include({
      ok: false,
      message: 'Date of birth must be a real date',
    })
    expect(parseDateParts({ day: '29', month: '2', year: '2024' }, 'Date of birth')).to.deep.include({ ok: true, iso: '2024-02-29' })
  })
})
