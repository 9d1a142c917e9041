import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { aBookingRequest, bookingRow, courseRow, markPriority, notificationKinds, statusCounts } from '../../support/booking-helpers.js'
import { offerExpiryHandler } from '../../../jobs/offer-expiry.js'
import type { BookingRow } from '../../../src/data/booking-repository.js'
import { DateTime } from 'luxon'
import { LONDON } from '../../../src/time.js'

const HOUR = 60 * 60 * 1000

describe('booking service: waiting list and offers', () => {
  const t = useTestApp()

  async function confirmed(courseId: number): Promise<BookingRow> {
    const result = await t.services.booking.book(aBookingRequest(courseId))
    if (result.outcome !== 'confirmed') throw new Error(`expected a place, got ${result.outcome}`)
    return result.booking
  }

  async function waiting(courseId: number, now?: Date): Promise<BookingRow> {
    const result = await t.services.booking.joinWaitingList(aBookingRequest(courseId, { now }))
    if (result.outcome !== 'waiting') throw new Error(`expected the queue, got ${result.outcome}`)
    return result.booking
  }

  it('joins the queue when full and says the position', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await confirmed(course.id)
    const first = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
    const second = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
    expect(first).to.include({ outcome: 'waiting', position: 1 })
    expect(second).to.include({ outcome: 'waiting', position: 2 })
    if (first.outcome === 'waiting') expect(await notificationKinds(first.booking.id)).to.deep.equal(['waitlist_joined:email'])
  })

  it('gives a place straight away to someone joining the queue while a place is free', async () => {
    const { course } = await aCourse({ capacity: 1 })
    expect((await t.services.booking.joinWaitingList(aBookingRequest(course.id))).outcome).to.equal('confirmed')
  })

  it('puts priority families first, then by time joined', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await confirmed(course.id)
    const early = await waiting(course.id)
    const later = await waiting(course.id)
    await markPriority(later.familyId)
    expect(await t.services.booking.waitingListPosition(later.id)).to.equal(1)
    expect(await t.services.booking.waitingListPosition(early.id)).to.equal(2)
  })

  it('offers a cancelled place to the first in line at once, holding it for 24 hours, and schedules the expiry job', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    const second = await waiting(course.id)
    const now = new Date()
    await t.services.booking.cancel(place.id, { reason: 'Poorly child', now })
    const offered = await bookingRow(first.id)
    expect(offered.status).to.equal('offered')
    expect(offered.offerExpiresAt!.getTime()).to.equal(now.getTime() + 24 * HOUR)
    expect((await bookingRow(second.id)).status).to.equal('waiting')
    expect(await t.services.booking.waitingListPosition(second.id)).to.equal(1)
    expect((await courseRow(course.id)).placesTaken).to.equal(1)
    expect(await notificationKinds(place.id)).to.include('booking_cancelled:email')
    expect(await notificationKinds(first.id)).to.include('place_offered:email')
    const { jobs } = await t.agenda.queryJobs({ name: 'offer-expiry' })
    expect(jobs.map((job) => (job.data as { bookingId: number }).bookingId)).to.deep.equal([first.id])
    expect(new Date(jobs[0]!.nextRunAt!).getTime()).to.equal(offered.offerExpiresAt!.getTime())
  })

  it('confirms an accepted offer', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const place = await confirmed(course.id)
    const next = await waiting(course.id)
    await t.services.booking.cancel(place.id)
    const accepted = await t.services.booking.acceptOffer(next.id)
    expect(accepted.outcome).to.equal('confirmed')
    expect((await bookingRow(next.id)).status).to.equal('confirmed')
    expect(await notificationKinds(next.id)).to.deep.equal(['waitlist_joined:email', 'place_offered:email', 'booking_confirmed:email'])
    expect((await t.services.booking.acceptOffer(next.id)).outcome, 'accepting twice').to.equal('confirmed')
  })

  it('offers a declined place to the next in line', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    const second = await waiting(course.id)
    await t.services.booking.cancel(place.id)
    expect((await t.services.booking.declineOffer(first.id)).outcome).to.equal('declined')
    expect((await bookingRow(first.id)).status).to.equal('declined')
    expect((await bookingRow(second.id)).status).to.equal('offered')
  })

  it('expires an unanswered offer when its job runs, and offers the place to the next in line', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    const second = await waiting(course.id)
    await t.services.booking.cancel(place.id)
    const run = offerExpiryHandler(t.services)
    const job = { attrs: { data: { bookingId: first.id } } } as Parameters<typeof run>[0]

    await run(job) // before its time: nothing changes
    expect((await bookingRow(first.id)).status).to.equal('offered')

    // Its time passes; the job runs (twice, as a retried job may).
    await testDatabase().db.execute(sql`update bookings set offer_expires_at = now() - interval '1 second' where id = ${first.id}`)
    await run(job)
    await run(job)
    const later = new Date(Date.now() + 1000)
    expect((await bookingRow(first.id)).status).to.equal('expired')
    expect((await bookingRow(second.id)).status).to.equal('offered')
    expect(
      (await notificationKinds(first.id)).filter((k) => k === 'offer_expired:email'),
      'one message, however often the job runs',
    ).to.have.length(1)
    expect((await t.services.booking.acceptOffer(first.id, { now: later })).outcome, 'too late to accept').to.equal('not_allowed')
  })

  it('refuses a late acceptance even before the expiry job has run, and moves the place on', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    const second = await waiting(course.id)
    await t.services.booking.cancel(place.id)
    const late = new Date(Date.now() + 25 * HOUR)
    expect((await t.services.booking.acceptOffer(first.id, { now: late })).outcome).to.equal('offer_expired')
    expect((await bookingRow(second.id)).status).to.equal('offered')
  })

  it('ends an offer at least 2 hours before the first session, however long offers last', async () => {
    // 11:30 London: an offer made at 19:00 the evening before is stretched across the night, up to
    // the cut-off at 09:30 (offer-timing.ts), never past it.
    const date = DateTime.now().setZone(LONDON).plus({ days: 3 }).toISODate()!
    const { course, sessions } = await aCourse({ capacity: 1, sessions: [{ date, start: '11:30', end: '12:30' }] })
    const now = new Date(sessions[0]!.startsAt.getTime() - 16.5 * HOUR)
    const place = await confirmed(course.id)
    const next = await waiting(course.id, now)
    await t.services.booking.cancel(place.id, { now })
    const offered = await bookingRow(next.id)
    expect(offered.status).to.equal('offered')
    expect(offered.offerExpiresAt!.getTime()).to.equal(sessions[0]!.startsAt.getTime() - 2 * HOUR)
  })

  it('skips the offer when it could not end 2 hours before the start: the place opens to everyone, the queue stays', async () => {
    const { course, sessions } = await aCourse({ capacity: 1, daysFromNow: 3 })
    const now = new Date(sessions[0]!.startsAt.getTime() - 90 * 60 * 1000)
    const place = await t.services.booking.book(aBookingRequest(course.id, { now }))
    if (place.outcome !== 'confirmed') throw new Error(place.outcome)
    const next = await waiting(course.id, now)
    await t.services.booking.cancel(place.booking.id, { now })
    expect((await bookingRow(next.id)).status).to.equal('waiting')
    expect((await courseRow(course.id)).placesTaken).to.equal(0)
    expect((await t.services.booking.book(aBookingRequest(course.id, { now }))).outcome).to.equal('confirmed')
  })

  it('offers two places freed at the same moment to two different families', async () => {
    const { course } = await aCourse({ capacity: 2 })
    const a = await confirmed(course.id)
    const b = await confirmed(course.id)
    const queue = [await waiting(course.id), await waiting(course.id), await waiting(course.id)]
    await Promise.all([t.services.booking.cancel(a.id), t.services.booking.cancel(b.id)])
    const statuses = await Promise.all(queue.map(async (entry) => (await bookingRow(entry.id)).status))
    expect(statuses).to.deep.equal(['offered', 'offered', 'waiting'])
    expect((await courseRow(course.id)).placesTaken).to.equal(2)
  })

  it('never over-books when a cancellation races an acceptance', async () => {
    for (let round = 0; round < 5; round++) {
      const { course } = await aCourse({ capacity: 2 })
      const holder = await confirmed(course.id)
      const leaving = await confirmed(course.id)
      const offeredFamily = await waiting(course.id)
      const next = await waiting(course.id)
      await t.services.booking.cancel(leaving.id)
      // The offered family accepts while another family cancels, and the offered family also
      // presses cancel in a second tab.
      const results = await Promise.all([
        t.services.booking.acceptOffer(offeredFamily.id),
        t.services.booking.cancel(holder.id),
        t.services.booking.cancel(offeredFamily.id),
      ])
      expect(results.map((r) => r.outcome)).not.to.include(undefined)
      const row = await courseRow(course.id)
      const counts = await statusCounts(course.id)
      expect(row.placesTaken).to.be.at.most(row.capacity)
      expect(row.placesTaken).to.equal((counts.confirmed ?? 0) + (counts.offered ?? 0))
      // Whatever the order, the freed places went to the queue: nobody left waiting with a place free.
      expect((await bookingRow(next.id)).status).to.equal('offered')
    }
  })

  it('lets a family leave the queue, and counts leaving during an offer as declining it', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    const second = await waiting(course.id)
    const third = await waiting(course.id)
    expect((await t.services.booking.leaveWaitingList(third.id)).outcome).to.equal('left')
    expect((await bookingRow(third.id)).status).to.equal('left_waiting_list')
    expect(await notificationKinds(third.id)).to.include('waitlist_left:email')
    await t.services.booking.cancel(place.id)
    await t.services.booking.leaveWaitingList(first.id)
    expect((await bookingRow(first.id)).status).to.equal('declined')
    expect((await bookingRow(second.id)).status).to.equal('offered')
  })

  it('lets staff move a family from the queue into a place only when one is free, unless over-booking with a reason', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await confirmed(course.id)
    const next = await waiting(course.id)
    expect((await t.services.booking.promoteFromWaitingList(next.id, { staffUserId: 2 })).outcome).to.equal('full')
    const moved = await t.services.booking.promoteFromWaitingList(next.id, { staffUserId: 2, overbookReason: 'Priority referral' })
    expect(moved.outcome).to.equal('confirmed')
    expect(await courseRow(course.id)).to.include({ placesTaken: 2, overbookedPlaces: 1 })
  })

  it('offers places when staff raise the capacity', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await confirmed(course.id)
    const next = await waiting(course.id)
    await testDatabase().db.execute(`update courses set capacity = 2 where id = ${course.id}`)
    const offers = await t.services.booking.offerFreedPlacesNow(course.id)
    expect(offers.map((o) => o.bookingId)).to.deep.equal([next.id])
    expect((await bookingRow(next.id)).status).to.equal('offered')
  })

  it('expires overdue offers in the sweep when their own job was lost', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    await t.services.booking.cancel(place.id)
    expect(await t.services.booking.expireOverdueOffers(new Date(Date.now() + 25 * HOUR))).to.equal(1)
    expect((await bookingRow(first.id)).status).to.equal('expired')
  })
})
