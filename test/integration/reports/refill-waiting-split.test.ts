import { expect } from 'chai'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import { aBookingRequest, bookingRow } from '../../support/booking-helpers.js'
import { freedPlaces } from '../../../src/db/schema/index.js'
import type { BookingRow } from '../../../src/data/booking-repository.js'
import type { AlsoSuitable } from '../../../src/services/booking/booking-types.js'
import { LONDON } from '../../../src/time.js'

const HOUR = 60 * 60 * 1000

/*
 * Places freed through the booking service (so the trigger counts the families waiting), some with
 * families waiting and some with nobody, in two bands; then the reports service's split of them.
 * Runs of one programme, one place each, starting 10 to 12 days from now:
 *
 *   run        band        waiting when freed                      then                    refilled
 *   lonely     over 24 h   nobody                                  a newcomer books it     no
 *   queued     over 24 h   1, on the run itself                    the offer is accepted   yes
 *   unanswered over 24 h   1, on the run itself                    the offer stays open    no
 *   anyRun     over 24 h   1, queued on `full` saying any run      the offer is accepted   yes
 *   lateLonely 2 to 24 h   nobody (freed 12 hours before)          -                       no
 *   lateQueued 2 to 24 h   1 (freed 12 hours before: open offer)   accepted 11 hours before yes
 */
describe('reports: freed places split by whether families were waiting', () => {
  const t = useTestApp({ fresh: 'once' })
  let clock: number
  // A clock of our own, ahead of the real one but well before the runs start.
  const tick = (hours = 1) => new Date((clock += hours * HOUR))

  async function confirmed(courseId: number, now = tick()): Promise<BookingRow> {
    const result = await t.services.booking.book(aBookingRequest(courseId, { now }))
    if (result.outcome !== 'confirmed') throw new Error(`expected a place, got ${result.outcome}`)
    return result.booking
  }

  async function waiting(courseId: number, alsoSuitable?: AlsoSuitable): Promise<BookingRow> {
    const result = await t.services.booking.joinWaitingList(aBookingRequest(courseId, { alsoSuitable, now: tick() }))
    if (result.outcome !== 'waiting') throw new Error(`expected the queue, got ${result.outcome}`)
    return result.booking
  }

  async function offered(booking: BookingRow): Promise<void> {
    expect((await bookingRow(booking.id)).status, `booking ${booking.id} offered the freed place`).to.equal('offered')
  }

  /** Close to the start a freed place goes to everyone waiting at once (an open offer): the family stays waiting. */
  async function openOffer(booking: BookingRow, now: Date): Promise<void> {
    expect(await t.services.booking.liveOpenOfferFor(await bookingRow(booking.id), now), 'an open offer').to.not.equal(undefined)
  }

  const runs = {} as Record<'lonely' | 'queued' | 'unanswered' | 'anyRun' | 'full' | 'lateLonely' | 'lateQueued', number>
  let filter: { from: string; to: string }

  before(async () => {
    clock = Date.now() + HOUR
    const programmeId = (await aProgramme()).id
    const hubId = (await aHub()).id
    const run = async (daysFromNow: number) => {
      const { course, sessions } = await aCourse({ programmeId, hubId, capacity: 1, daysFromNow })
      return { id: course.id, startsAt: sessions[0]!.startsAt }
    }
    const lonely = await run(10)
    const queued = await run(10)
    const unanswered = await run(10)
    const anyRun = await run(11)
    const full = await run(12)
    const lateLonely = await run(10)
    const lateQueued = await run(10)
    Object.assign(runs, {
      lonely: lonely.id,
      queued: queued.id,
      unanswered: unanswered.id,
      anyRun: anyRun.id,
      full: full.id,
      lateLonely: lateLonely.id,
      lateQueued: lateQueued.id,
    })
    const places = {
      lonely: await confirmed(lonely.id),
      queued: await confirmed(queued.id),
      unanswered: await confirmed(unanswered.id),
      anyRun: await confirmed(anyRun.id),
      full: await confirmed(full.id),
      lateLonely: await confirmed(lateLonely.id),
      lateQueued: await confirmed(lateQueued.id),
    }

    // Over 24 hours before the start.
    await t.services.booking.cancel(places.lonely.id, { now: tick() })
    await confirmed(lonely.id) // a newcomer: the place is taken again, but not from a waiting list

    const forQueued = await waiting(queued.id)
    await t.services.booking.cancel(places.queued.id, { now: tick() })
    await offered(forQueued)
    expect((await t.services.booking.acceptOffer(forQueued.id, { now: tick() })).outcome).to.equal('confirmed')

    const forUnanswered = await waiting(unanswered.id)
    await t.services.booking.cancel(places.unanswered.id, { now: tick() })
    await offered(forUnanswered)

    // Queued on the full run, any run of the programme will do: waiting for anyRun's place too.
    const anyFamily = await waiting(full.id, 'any')
    await t.services.booking.cancel(places.anyRun.id, { now: tick() })
    await offered(anyFamily)
    expect((await t.services.booking.acceptOffer(anyFamily.id, { now: tick() })).outcome).to.equal('confirmed')

    // 2 to 24 hours before the start: 12 hours before.
    await t.services.booking.cancel(places.lateLonely.id, { now: new Date(lateLonely.startsAt.getTime() - 12 * HOUR) })
    const forLate = await waiting(lateQueued.id)
    const lateFreedAt = new Date(lateQueued.startsAt.getTime() - 12 * HOUR)
    await t.services.booking.cancel(places.lateQueued.id, { now: lateFreedAt })
    await openOffer(forLate, lateFreedAt)
    const accepted = await t.services.booking.acceptOffer(forLate.id, { now: new Date(lateQueued.startsAt.getTime() - 11 * HOUR) })
    expect(accepted.outcome).to.equal('confirmed')

    const day = (instant: Date) => DateTime.fromJSDate(instant, { zone: LONDON }).toISODate()!
    filter = { from: day(lonely.startsAt), to: day(full.startsAt) }
  })

  it('the trigger recorded each place with the families waiting as set up', async () => {
    const recorded = async (courseId: number) =>
      (await testDatabase().db.select().from(freedPlaces).where(eq(freedPlaces.courseId, courseId))).map((row) => [
        row.familiesWaiting,
        row.refilledAt !== null,
      ])
    expect(await recorded(runs.lonely)).to.deep.equal([[0, false]])
    expect(await recorded(runs.queued)).to.deep.equal([[1, true]])
    expect(await recorded(runs.unanswered)).to.deep.equal([[1, false]])
    expect(await recorded(runs.anyRun)).to.deep.equal([[1, true]])
    expect(await recorded(runs.lateLonely)).to.deep.equal([[0, false]])
    expect(await recorded(runs.lateQueued)).to.deep.equal([[1, true]])
    expect(await recorded(runs.full)).to.deep.equal([])
  })

  it('counts the places freed with nobody waiting, and the refill rate of those freed while families waited', async () => {
    const { refill } = await t.services.staff.reports.build({ ...filter, scope: 'all' }, tick())
    // The existing figures are as before: every freed place, waiting or not.
    expect(refill.total).to.include({ freed: 6, refilled: 3, refillRate: 0.5 })
    expect(refill.total).to.include({
      freedWithNobodyWaiting: 2,
      freedWhileWaiting: 4,
      refilledWhileWaiting: 3,
      refillRateWhileWaiting: 0.75,
    })
    expect(refill.byBand).to.deep.equal([
      {
        band: 'over_24h',
        freed: 4,
        refilled: 2,
        refillRate: 0.5,
        freedWithNobodyWaiting: 1,
        freedWhileWaiting: 3,
        refilledWhileWaiting: 2,
        refillRateWhileWaiting: 2 / 3,
      },
      {
        band: 'from_2h_to_24h',
        freed: 2,
        refilled: 1,
        refillRate: 0.5,
        freedWithNobodyWaiting: 1,
        freedWhileWaiting: 1,
        refilledWhileWaiting: 1,
        refillRateWhileWaiting: 1,
      },
      // Nothing freed under 2 hours: no rate ("No data"), not 0.
      {
        band: 'under_2h',
        freed: 0,
        refilled: 0,
        refillRate: null,
        freedWithNobodyWaiting: 0,
        freedWhileWaiting: 0,
        refilledWhileWaiting: 0,
        refillRateWhileWaiting: null,
      },
    ])
  })

  it('narrows the split with the filter: one run freed with nobody waiting has no rate where families waited', async () => {
    const { refill } = await t.services.staff.reports.build({ ...filter, scope: 'all', courseId: runs.lonely }, tick())
    expect(refill.total).to.include({
      freed: 1,
      refilled: 0,
      freedWithNobodyWaiting: 1,
      freedWhileWaiting: 0,
      refilledWhileWaiting: 0,
      refillRateWhileWaiting: null,
    })
  })
})
