import { expect } from 'chai'
import { eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme } from '../../support/builders.js'
import { aBookingRequest, bookingRow, courseRow, markPriority, notificationKinds } from '../../support/booking-helpers.js'
import { bookings, freedPlaces } from '../../../src/db/schema/index.js'
import type { BookingRow } from '../../../src/data/booking-repository.js'
import type { AlsoSuitable } from '../../../src/services/booking/booking-types.js'
import { toPrincipal } from '../../../src/services/staff/auth-service.js'
import { aStaffUser } from '../staff/staff-helpers.js'

describe('waiting for a programme, not only a run', () => {
  const t = useTestApp()

  async function confirmed(courseId: number): Promise<BookingRow> {
    const result = await t.services.booking.book(aBookingRequest(courseId))
    if (result.outcome !== 'confirmed') throw new Error(`expected a place, got ${result.outcome}`)
    return result.booking
  }

  async function waiting(courseId: number, alsoSuitable?: AlsoSuitable, now?: Date): Promise<BookingRow> {
    const result = await t.services.booking.joinWaitingList(aBookingRequest(courseId, { alsoSuitable, now }))
    if (result.outcome !== 'waiting') throw new Error(`expected the queue, got ${result.outcome}`)
    return result.booking
  }

  /** Two full runs of one programme (one place each), and a third of another programme. */
  async function twoFullRuns() {
    const programme = await aProgramme()
    const a = (await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 10 })).course
    const b = (await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 12 })).course
    const placeA = await confirmed(a.id)
    const placeB = await confirmed(b.id)
    return { programme, a, b, placeA, placeB }
  }

  it('the sweep offers a free place on a run nobody queued on to the family waiting on another run who said it suits them', async () => {
    const { a, b } = await twoFullRuns()
    const family = await waiting(a.id, [b.id])
    // A second place on B that nobody was offered (raised in the database, as if an offer was lost).
    await testDatabase().db.execute(sql`update courses set capacity = 2 where id = ${b.id}`)
    await t.services.booking.refillSweep(new Date())
    expect(await bookingRow(family.id)).to.include({ status: 'offered', courseId: b.id })
    expect(await notificationKinds(family.id)).to.include('place_offered:email')
  })

  it('offers a place freed on run B to the family waiting on run A who said B suits them', async () => {
    const { a, b, placeB } = await twoFullRuns()
    const family = await waiting(a.id, [b.id])
    await t.services.booking.cancel(placeB.id)
    const offered = await bookingRow(family.id)
    expect(offered).to.include({ status: 'offered', courseId: b.id })
    expect((await courseRow(b.id)).placesTaken).to.equal(1)
    expect((await courseRow(a.id)).placesTaken).to.equal(1)
    expect(await notificationKinds(family.id)).to.deep.equal(['waitlist_joined:email', 'place_offered:email'])
  })

  it('does not offer run B to a family waiting on run A who did not say B suits them', async () => {
    const { a, placeB } = await twoFullRuns()
    const family = await waiting(a.id)
    await t.services.booking.cancel(placeB.id)
    expect(await bookingRow(family.id)).to.include({ status: 'waiting', courseId: a.id })
  })

  it('orders the programme queue by priority first, then join time, across runs', async () => {
    const { a, b, placeB } = await twoFullRuns()
    const base = Date.now()
    const onBEarly = await waiting(b.id, undefined, new Date(base - 3000))
    const onALater = await waiting(a.id, 'any', new Date(base - 2000))
    const onAPriority = await waiting(a.id, [b.id], new Date(base - 1000))
    await markPriority(onAPriority.familyId)
    await t.services.booking.cancel(placeB.id)
    expect((await bookingRow(onAPriority.id)).status).to.equal('offered')
    expect((await bookingRow(onBEarly.id)).status).to.equal('waiting')
    expect((await bookingRow(onALater.id)).status).to.equal('waiting')
    // The priority family lets it go: the earliest joiner (on B itself) is next, then the 'any' family.
    await t.services.booking.declineOffer(onAPriority.id)
    expect((await bookingRow(onBEarly.id)).status).to.equal('offered')
  })

  it('counts the refill of a place taken across runs on the run that had it', async () => {
    const { a, b, placeB } = await twoFullRuns()
    const family = await waiting(a.id, [b.id])
    await t.services.booking.cancel(placeB.id)
    const [freed] = await testDatabase().db.select().from(freedPlaces).where(eq(freedPlaces.courseId, b.id))
    expect(freed!.familiesWaiting, 'the family waiting on A counts as waiting for B').to.equal(1)
    expect((await t.services.booking.acceptOffer(family.id)).outcome).to.equal('confirmed')
    const [refilled] = await testDatabase().db.select().from(freedPlaces).where(eq(freedPlaces.courseId, b.id))
    expect(refilled!.refilledByBookingId).to.equal(family.id)
  })

  it('gives a family one offer in a programme when places are freed on two runs at once', async () => {
    const { programme, a, b, placeA, placeB } = await twoFullRuns()
    const c = (await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 14 })).course
    await confirmed(c.id)
    const family = await waiting(c.id, 'any')
    const next = await waiting(c.id)
    await Promise.all([t.services.booking.cancel(placeA.id), t.services.booking.cancel(placeB.id)])
    const offers = await testDatabase()
      .db.select()
      .from(bookings)
      .where(sql`${bookings.status} = 'offered' and ${bookings.familyId} = ${family.familyId}`)
    expect(offers).to.have.length(1)
    expect([a.id, b.id]).to.include(offers[0]!.courseId)
    expect((await bookingRow(next.id)).status, 'the family waiting only for C still waits').to.equal('waiting')
  })

  it('does not offer another run to a family who already holds a place on a run of the programme not yet over', async () => {
    const { programme, a, placeB } = await twoFullRuns()
    const c = (await aCourse({ programmeId: programme.id, capacity: 2, daysFromNow: 14 })).course
    const request = aBookingRequest(c.id)
    const placeOnC = await t.services.booking.book(request)
    if (placeOnC.outcome !== 'confirmed') throw new Error('set-up')
    const sameFamily = await t.services.booking.joinWaitingList({
      ...aBookingRequest(a.id, { alsoSuitable: 'any' }),
      family: request.family,
    })
    const other = await waiting(a.id, 'any')
    await t.services.booking.cancel(placeB.id)
    if (sameFamily.outcome !== 'waiting') throw new Error('set-up')
    expect((await bookingRow(sameFamily.booking.id)).status).to.equal('waiting')
    expect(await bookingRow(other.id)).to.include({ status: 'offered', courseId: placeB.courseId })
  })

  it('refuses in the database a second offer, or a second programme-wide entry, for one family in a programme', async () => {
    const { programme, a, b } = await twoFullRuns()
    const c = (await aCourse({ programmeId: programme.id, capacity: 2, daysFromNow: 14 })).course
    const first = await waiting(a.id)
    const second = await waiting(b.id)
    const db = testDatabase().db
    // Both entries made the same person's (the same family record).
    await db.update(bookings).set({ familyId: first.familyId }).where(eq(bookings.id, second.id))
    await db
      .update(bookings)
      .set({ status: 'offered', courseId: c.id, offerExpiresAt: new Date(Date.now() + 3600_000) })
      .where(eq(bookings.id, first.id))
    let refused: unknown
    try {
      await db
        .update(bookings)
        .set({ status: 'offered', courseId: c.id, offerExpiresAt: new Date(Date.now() + 3600_000) })
        .where(eq(bookings.id, second.id))
    } catch (error) {
      refused = error
    }
    expect(String((refused as { cause?: { constraint?: string } })?.cause?.constraint ?? refused)).to.match(
      /bookings_one_offer_per_programme/,
    )
    let twice: unknown
    try {
      await db
        .update(bookings)
        .set({ programmeQueue: true })
        .where(sql`${bookings.id} in (${first.id}, ${second.id})`)
    } catch (error) {
      twice = error
    }
    expect(String((twice as { cause?: { constraint?: string } })?.cause?.constraint ?? twice)).to.match(/bookings_one_programme_entry/)
  })

  it('answers already booked when the same person joins a second programme-wide queue in one programme', async () => {
    const { a, b } = await twoFullRuns()
    const request = aBookingRequest(a.id, { alsoSuitable: 'any' })
    const first = await t.services.booking.joinWaitingList(request)
    expect(first.outcome).to.equal('waiting')
    const again = await t.services.booking.joinWaitingList({ ...aBookingRequest(b.id, { alsoSuitable: [a.id] }), family: request.family })
    expect(again.outcome).to.equal('already_booked')
  })

  it('keeps only runs of the same programme in the answer', async () => {
    const { a, b } = await twoFullRuns()
    const elsewhere = (await aCourse({ capacity: 1 })).course
    const family = await waiting(a.id, [b.id, elsewhere.id, a.id])
    expect(await t.services.booking.programmeQueue.suitableRuns(family)).to.deep.equal([b.id])
  })

  it('tells a family joining a full run about a suitable run with places free', async () => {
    const programme = await aProgramme()
    const a = (await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 10 })).course
    const b = (await aCourse({ programmeId: programme.id, capacity: 3, daysFromNow: 12 })).course
    const c = (await aCourse({ programmeId: programme.id, capacity: 3, daysFromNow: 13 })).course
    await confirmed(a.id)
    const family = await waiting(a.id, [b.id])
    const runs = await t.services.booking.programmeQueue.suitableRunsWithPlaces(await bookingRow(family.id))
    expect(runs.map((run) => run.courseId)).to.deep.equal([b.id])
    expect(runs[0]!.placesFree).to.equal(3)
    const any = await waiting(a.id, 'any')
    expect(
      (await t.services.booking.programmeQueue.suitableRunsWithPlaces(await bookingRow(any.id))).map((run) => run.courseId),
    ).to.deep.equal([b.id, c.id])
  })

  it('lets a waiting family change which runs suit them, and not once they have an offer', async () => {
    const { a, b, placeB } = await twoFullRuns()
    const family = await waiting(a.id)
    expect(await t.services.booking.programmeQueue.changeSuitableRuns(family.id, [b.id])).to.deep.include({ outcome: 'changed' })
    expect((await bookingRow(family.id)).programmeQueue).to.equal(true)
    await t.services.booking.cancel(placeB.id)
    expect((await t.services.booking.programmeQueue.changeSuitableRuns(family.id, 'any')).outcome).to.equal('not_waiting')
  })

  it('offers a new run staff add to the families waiting for any run of the programme', async () => {
    const { programme, a } = await twoFullRuns()
    const family = await waiting(a.id, 'any')
    const actor = toPrincipal(await aStaffUser('admin'), [])
    const courseId = await t.services.staff.catalogue.createCourse(actor, {
      programmeId: programme.id,
      hubId: null,
      kind: 'drop_in',
      capacity: 2,
      room: null,
      repeat: nextWeek(),
    })
    expect(await bookingRow(family.id)).to.include({ status: 'offered', courseId })
  })
})

/** One session a week from now (the staff form's answer). */
function nextWeek() {
  const date = new Date(Date.now() + 7 * 24 * 3600_000).toISOString().slice(0, 10)
  return { firstDate: date, startTime: '10:00', endTime: '12:00', sessions: 1 }
}
