import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme } from '../../support/builders.js'
import {
  aBookingRequest,
  aNewFamily,
  bookingRow,
  courseRow,
  csrfTokenFrom,
  markPriority,
  notificationKinds,
  statusCounts,
} from '../../support/booking-helpers.js'
import type { BookingRow } from '../../../src/data/booking-repository.js'
import { LONDON } from '../../../src/time.js'
import { paths } from '../../../src/paths.js'

const HOUR = 60 * 60 * 1000
const MINUTE = 60 * 1000

/** A drop-in a few days ahead at 16:00 London: far from the quiet hours, so no night rule applies. */
async function aDropIn(capacity: number, programmeId?: number) {
  const date = DateTime.now().setZone(LONDON).plus({ days: 3 }).toISODate()!
  const { course, sessions } = await aCourse({ capacity, programmeId, sessions: [{ date, start: '16:00', end: '17:00' }] })
  return { course, start: sessions[0]!.startsAt }
}

async function openOfferRows(courseId: number) {
  const result = await testDatabase().db.execute<{ id: number; close_reason: string | null; families: number }>(
    sql`select o.id, o.close_reason, (select count(*)::int from open_offer_families f where f.open_offer_id = o.id) as families
        from open_offers o where o.course_id = ${courseId} order by o.id`,
  )
  return result.rows
}

describe('open offers: the last places to everyone waiting, first to accept gets it', () => {
  const t = useTestApp()

  async function confirmed(courseId: number, now: Date, family = aNewFamily()): Promise<BookingRow> {
    const result = await t.services.booking.book(aBookingRequest(courseId, { now, family }))
    if (result.outcome !== 'confirmed') throw new Error(`expected a place, got ${result.outcome}`)
    return result.booking
  }

  async function waiting(courseId: number, now: Date, family = aNewFamily()): Promise<BookingRow> {
    const result = await t.services.booking.joinWaitingList(aBookingRequest(courseId, { now, family }))
    if (result.outcome !== 'waiting') throw new Error(`expected the queue, got ${result.outcome}`)
    return result.booking
  }

  it('50 families accept one place at once: exactly one is booked, 49 are told kindly it has gone and stay in the queue', async () => {
    const { course, start } = await aDropIn(1)
    const early = new Date(start.getTime() - 3 * 24 * HOUR)
    const place = await confirmed(course.id, early)
    const queue: BookingRow[] = []
    for (let i = 0; i < 50; i++) queue.push(await waiting(course.id, early))
    // Freed 90 minutes before the start: past the cut-off for one family at a time.
    const now = new Date(start.getTime() - 90 * MINUTE)
    await t.services.booking.cancel(place.id, { now })
    expect(await statusCounts(course.id)).to.deep.equal({ cancelled: 1, waiting: 50 })
    expect((await courseRow(course.id)).placesTaken, 'an open offer holds no place').to.equal(0)
    for (const entry of queue) expect(await notificationKinds(entry.id)).to.include('place_open_offer:email')

    const answers = await Promise.all(
      queue.map((entry) => t.services.booking.acceptOffer(entry.id, { now: new Date(now.getTime() + MINUTE) })),
    )
    const outcomes = answers.map((answer) => answer.outcome)
    expect(outcomes.filter((o) => o === 'confirmed')).to.have.length(1)
    expect(outcomes.filter((o) => o === 'place_gone')).to.have.length(49)
    expect((await courseRow(course.id)).placesTaken).to.equal(1)
    expect(await statusCounts(course.id)).to.deep.equal({ cancelled: 1, confirmed: 1, waiting: 49 })
    const winner = queue[outcomes.indexOf('confirmed')]!
    const others = queue.filter((entry) => entry.id !== winner.id)
    for (const entry of others) expect(await notificationKinds(entry.id), 'told once that it has gone').to.include('place_gone:email')
    for (const entry of others) expect((await notificationKinds(entry.id)).filter((k) => k === 'place_gone:email')).to.have.length(1)
    expect(await notificationKinds(winner.id))
      .to.include('booking_confirmed:email')
      .and.not.include('place_gone:email')
    expect(await openOfferRows(course.id)).to.deep.equal([
      { id: (await openOfferRows(course.id))[0]!.id, close_reason: 'filled', families: 50 },
    ])
    // Still in the queue, in the same order.
    expect(await t.services.booking.waitingListPosition(others[0]!.id)).to.equal(1)
  })

  it('reaches a family waiting for the programme on another run, who takes the place on this run', async () => {
    const programme = await aProgramme()
    const { course: here, start } = await aDropIn(1, programme.id)
    const { course: elsewhere } = await aDropIn(1, programme.id)
    const early = new Date(start.getTime() - 3 * 24 * HOUR)
    const place = await confirmed(here.id, early)
    await confirmed(elsewhere.id, early)
    const result = await t.services.booking.joinWaitingList(aBookingRequest(elsewhere.id, { now: early, alsoSuitable: [here.id] }))
    if (result.outcome !== 'waiting') throw new Error(`expected the queue, got ${result.outcome}`)
    const now = new Date(start.getTime() - 90 * MINUTE)
    await t.services.booking.cancel(place.id, { now })
    expect(await notificationKinds(result.booking.id)).to.include('place_open_offer:email')

    const answer = await t.services.booking.acceptOffer(result.booking.id, { now: new Date(now.getTime() + MINUTE) })
    expect(answer.outcome).to.equal('confirmed')
    expect(await bookingRow(result.booking.id)).to.include({ status: 'confirmed', courseId: here.id })
    expect((await courseRow(here.id)).placesTaken).to.equal(1)
    expect((await courseRow(elsewhere.id)).placesTaken, 'its own run is as it was').to.equal(1)
  })

  it('never lets an open offer take the place a priority family holds from the exclusive round', async () => {
    const { course, start } = await aDropIn(2)
    const early = new Date(start.getTime() - 3 * 24 * HOUR)
    const a = await confirmed(course.id, early)
    const b = await confirmed(course.id, early)
    const first = await waiting(course.id, early)
    const second = await waiting(course.id, early)
    const priority = await waiting(course.id, early)
    await markPriority(priority.familyId)
    // Five hours before: one family at a time can still finish, the priority family is offered first.
    const offeredAt = new Date(start.getTime() - 5 * HOUR)
    await t.services.booking.cancel(a.id, { now: offeredAt })
    expect((await bookingRow(priority.id)).status).to.equal('offered')
    // Another place frees two and a half hours before, while that offer runs: too late for one
    // family at a time, so everyone still waiting is offered it at once.
    const late = new Date(start.getTime() - 150 * MINUTE)
    expect((await bookingRow(priority.id)).offerExpiresAt!.getTime()).to.be.above(late.getTime())
    await t.services.booking.cancel(b.id, { now: late })
    expect(await notificationKinds(first.id)).to.include('place_open_offer:email')
    expect(await notificationKinds(priority.id), 'the priority family holds its own place').not.to.include('place_open_offer:email')

    const answers = await Promise.all([first, second].map((entry) => t.services.booking.acceptOffer(entry.id, { now: late })))
    expect(answers.map((answer) => answer.outcome).sort()).to.deep.equal(['confirmed', 'place_gone'])
    expect((await bookingRow(priority.id)).status, 'still held for the priority family').to.equal('offered')
    expect((await t.services.booking.acceptOffer(priority.id, { now: late })).outcome).to.equal('confirmed')
    expect((await courseRow(course.id)).placesTaken).to.equal(2)
  })

  it('shows a clear page, not an error, to a family accepting an open offer that has just gone', async () => {
    const { course, start } = await aDropIn(1)
    const early = new Date(start.getTime() - 3 * 24 * HOUR)
    const place = await confirmed(course.id, early)
    const one = await waiting(course.id, early)
    const two = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { now: early }))
    if (two.outcome !== 'waiting') throw new Error(two.outcome)
    const now = new Date()
    // Real time for the page: make the drop-in start in 90 minutes from now.
    await testDatabase().db.execute(
      sql`update sessions set starts_at = ${new Date(now.getTime() + 90 * MINUTE)}, ends_at = ${new Date(now.getTime() + 150 * MINUTE)} where course_id = ${course.id}`,
    )
    await t.services.booking.cancel(place.id, { now })
    const agent = request.agent(t.app)
    const page = await agent.get(paths.manage.show(two.manageToken)).expect(200)
    expect(cheerio.load(page.text)('main').text()).to.contain('the first family to accept gets it')
    expect((await t.services.booking.acceptOffer(one.id)).outcome).to.equal('confirmed')
    const gone = await agent
      .post(paths.manage.accept(two.manageToken))
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(200)
    const main = cheerio.load(gone.text)('main').text()
    expect(main).to.contain('Sorry, this place has gone').and.contain('You are still on the waiting list')
    expect((await bookingRow(two.booking.id)).status).to.equal('waiting')
  })

  it('takes an open offer with a YES by text, and answers a YES to one that has gone with a kind text', async () => {
    const { course, start } = await aDropIn(1)
    const early = new Date(start.getTime() - 3 * 24 * HOUR)
    const place = await confirmed(course.id, early)
    const yes = await waiting(course.id, early, aNewFamily({ contactBySms: true }))
    const late = await waiting(course.id, early, aNewFamily({ contactBySms: true, contactByEmail: false, email: null }))
    const now = new Date(start.getTime() - 90 * MINUTE)
    await t.services.booking.cancel(place.id, { now })
    expect(await notificationKinds(late.id)).to.deep.include('place_open_offer:sms')
    const replies = t.services.twilioWebhooks.replies
    const first = await replies.handle({ messageSid: 'SM-open-1', from: yes.contactPhone!, body: 'YES' }, now)
    expect(first.action).to.equal('accepted_offer')
    expect((await bookingRow(yes.id)).status).to.equal('confirmed')
    const second = await replies.handle({ messageSid: 'SM-open-2', from: late.contactPhone!, body: 'yes' }, now)
    expect(second.action).to.equal('place_gone')
    expect(second.reply).to.contain('that place has already gone').and.contain('still on the waiting list')
    expect((await bookingRow(late.id)).status).to.equal('waiting')
  })

  it('the sweep is idempotent: expires a due offer once, moves the place on once, and closes open offers at their cut-off', async () => {
    const { course, start } = await aDropIn(1)
    const early = new Date(start.getTime() - 3 * 24 * HOUR)
    const place = await confirmed(course.id, early)
    const first = await waiting(course.id, early)
    const second = await waiting(course.id, early)
    const offeredAt = new Date(start.getTime() - 30 * HOUR)
    await t.services.booking.cancel(place.id, { now: offeredAt })
    const offer = await bookingRow(first.id)
    expect(offer.status).to.equal('offered')
    const due = new Date(offer.offerExpiresAt!.getTime() + MINUTE)
    await t.services.booking.refillSweep(due)
    await t.services.booking.refillSweep(due)
    expect((await bookingRow(first.id)).status).to.equal('expired')
    expect((await bookingRow(second.id)).status).to.equal('offered')
    expect(await notificationKinds(second.id)).to.deep.equal(['waitlist_joined:email', 'place_offered:email'])

    // The second family does not answer either; their offer ends near the cut-off, when only an
    // open offer fits.
    const third = await waiting(course.id, early)
    const nearCutOff = new Date(start.getTime() - 150 * MINUTE)
    await testDatabase().db.execute(sql`update bookings set offer_expires_at = ${nearCutOff} where id = ${second.id}`)
    const secondDue = new Date(nearCutOff.getTime() + MINUTE)
    await t.services.booking.refillSweep(secondDue)
    await t.services.booking.refillSweep(secondDue)
    expect((await bookingRow(third.id)).status).to.equal('waiting')
    expect((await notificationKinds(third.id)).filter((k) => k === 'place_open_offer:email')).to.have.length(1)
    expect((await openOfferRows(course.id)).map((row) => row.close_reason)).to.deep.equal([null])

    const afterCutOff = new Date(start.getTime() - 30 * MINUTE)
    await t.services.booking.refillSweep(afterCutOff)
    await t.services.booking.refillSweep(afterCutOff)
    expect((await openOfferRows(course.id)).map((row) => row.close_reason)).to.deep.equal(['cut_off'])
    expect((await t.services.booking.acceptOffer(third.id, { now: afterCutOff })).outcome).to.equal('place_gone')
    expect((await courseRow(course.id)).placesTaken).to.equal(0)
  })

  it("uses the programme's own offer length and rounds", async () => {
    const programme = await aProgramme({ offerHours: 2, offerRounds: 1 })
    const { course, start } = await aDropIn(1, programme.id)
    const early = new Date(start.getTime() - 3 * 24 * HOUR)
    const place = await confirmed(course.id, early)
    const next = await waiting(course.id, early)
    // 10:00 London the day before: daytime, far from the cut-off.
    const now = new Date(start.getTime() - 30 * HOUR)
    await t.services.booking.cancel(place.id, { now })
    expect((await bookingRow(next.id)).offerExpiresAt!.getTime()).to.equal(now.getTime() + 2 * HOUR)
  })

  it("uses the programme's own open-offer cut-off", async () => {
    const programme = await aProgramme({ openOfferMinutesBeforeStart: 15 })
    const { course, start } = await aDropIn(1, programme.id)
    const early = new Date(start.getTime() - 3 * 24 * HOUR)
    const place = await confirmed(course.id, early)
    const next = await waiting(course.id, early)
    // 30 minutes before: past the 60-minute default, inside this programme's 15.
    await t.services.booking.cancel(place.id, { now: new Date(start.getTime() - 30 * MINUTE) })
    expect(await notificationKinds(next.id)).to.include('place_open_offer:email')
  })
})
