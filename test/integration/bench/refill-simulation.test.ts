import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { testDatabase } from '../../support/root-hooks.js'
import { resetDatabase } from '../../support/test-database.js'
import { defaultModel, type RefillModel } from '../../../bench/refill/model.js'
import { measure, type RefillMeasurement } from '../../../bench/refill/measure.js'
import { todaysRules } from '../../../bench/refill/rules.js'
import { simulateTerm, type SimulationLog } from '../../../bench/refill/simulation.js'

/** Two runs of one programme, 12 places, 20 families: small enough to count by hand, busy enough to refill. */
const tiny: RefillModel = {
  ...defaultModel,
  seed: 7,
  runs: [
    {
      programme: 'Baby Massage',
      hub: 'Foleshill',
      kind: 'course',
      capacity: 6,
      startsDay: 10,
      startsAt: '10:00',
      sessions: 3,
      popularity: 3,
    },
    {
      programme: 'Baby Massage',
      hub: 'Tile Hill',
      kind: 'course',
      capacity: 6,
      startsDay: 12,
      startsAt: '13:00',
      sessions: 3,
      popularity: 1,
    },
  ],
  families: 20,
  cancelShare: 0.5,
  neverAnswerShare: 0.3,
  sweepMinutes: 60,
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await testDatabase().db.execute<{ n: number }>(query)
  return Number(result.rows[0]!.n)
}

async function simulate(): Promise<{ log: SimulationLog; measured: RefillMeasurement }> {
  await resetDatabase(testDatabase())
  const log = await simulateTerm(testDatabase(), tiny, todaysRules)
  return { log, measured: await measure(testDatabase(), tiny, log, todaysRules) }
}

describe('bench:refill: the simulation counts what happened in the database', function () {
  this.timeout(120_000)
  let log: SimulationLog
  let measured: RefillMeasurement

  before(async () => {
    ;({ log, measured } = await simulate())
  })

  it('has places given up, offers made and refills to count (the term is not empty)', () => {
    expect(log.counts.cancelled).to.be.greaterThan(0)
    expect(measured.offers.exclusive).to.be.greaterThan(0)
    expect(measured.refills).to.be.greaterThan(0)
  })

  it('counts every place given up once: each confirmed place cancelled before its start', async () => {
    const inDatabase = await count(sql`
      select count(*)::int as n from bookings b
      where b.status = 'cancelled' and b.confirmed_at is not null
        and b.ended_at < (select min(starts_at) from sessions s where s.course_id = b.course_id)`)
    expect(measured.placesGivenUp.total.freed).to.equal(inDatabase)
    expect(measured.placesGivenUp.total.freed).to.equal(log.counts.cancelled)
    const byBand = measured.placesGivenUp.byBand
    expect(byBand.reduce((sum, band) => sum + band.freed, 0)).to.equal(inDatabase)
    expect(byBand.reduce((sum, band) => sum + band.refilled, 0)).to.equal(measured.placesGivenUp.total.refilled)
  })

  it('counts as refills exactly the offers the families accepted, each filling a place given up', async () => {
    const accepted = await count(sql`select count(*)::int as n from bookings where offered_at is not null and confirmed_at is not null`)
    expect(measured.refills).to.equal(accepted)
    expect(measured.refills).to.equal(log.counts.accepted)
    expect(measured.placesGivenUp.total.refilled + measured.checks.refillsWithNoFreedPlace).to.equal(measured.refills)
    expect(measured.checks.refillsWithNoFreedPlace).to.equal(0)
  })

  it('agrees with the reports: the same freed_places rows, and the same refills', async () => {
    const freedRows = await count(sql`select count(*)::int as n from freed_places`)
    const refilledRows = await count(sql`select count(*)::int as n from freed_places where refilled_at is not null`)
    expect(measured.reports.total.freed).to.equal(freedRows)
    expect(measured.reports.total.refilled).to.equal(refilledRows)
    expect(refilledRows).to.equal(measured.refills)
  })

  it('finds no over-booking, no exclusive offer ending too late, and counts every offer message once', async () => {
    const overbooked = await count(sql`
      select count(*)::int as n from courses c
      where (select count(*) from bookings b where b.course_id = c.id and b.status = 'confirmed') > c.capacity`)
    expect(overbooked).to.equal(0)
    expect(measured.checks.overbookedCourses).to.deep.equal([])
    expect(measured.checks.exclusiveOffersEndingTooLate).to.equal(0)
    const offered = await count(sql`select count(*)::int as n from bookings where offered_at is not null`)
    // Today one offer per booking, messaged by email and, for some, by text too: one offer each.
    expect(measured.offers.exclusive).to.equal(offered)
  })

  it('comes out the same from the same seed', async () => {
    const again = await simulate()
    expect(again.log.counts).to.deep.equal(log.counts)
    expect(again.measured.placesGivenUp).to.deep.equal(measured.placesGivenUp)
  })
})
