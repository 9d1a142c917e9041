import { expect } from 'chai'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { aBookingRequest, bookingRow, courseRow, notificationKinds, statusCounts } from '../../support/booking-helpers.js'
import { bookings, families, notifications } from '../../../src/db/schema/index.js'
import type { BookingRow } from '../../../src/data/booking-repository.js'

describe('booking service: changing a booking to another course or drop-in', () => {
  const t = useTestApp()

  async function confirmed(courseId: number): Promise<BookingRow> {
    const result = await t.services.booking.book(aBookingRequest(courseId))
    if (result.outcome !== 'confirmed') throw new Error(`expected a place, got ${result.outcome}`)
    return result.booking
  }

  async function waiting(courseId: number): Promise<BookingRow> {
    const result = await t.services.booking.joinWaitingList(aBookingRequest(courseId))
    if (result.outcome !== 'waiting') throw new Error(`expected the queue, got ${result.outcome}`)
    return result.booking
  }

  const allBookings = () => testDatabase().db.select().from(bookings).orderBy(bookings.id)
  const allNotifications = () => testDatabase().db.select().from(notifications).orderBy(notifications.id)

  it('confirms the new place and cancels the old one together, with a confirmation and a cancellation', async () => {
    const { course: from } = await aCourse({ capacity: 3 })
    const { course: to } = await aCourse({ capacity: 3 })
    const old = await confirmed(from.id)
    const result = await t.services.booking.changeCourse(old.id, to.id, { staffUserId: 7 })
    expect(result.outcome).to.equal('changed')
    if (result.outcome !== 'changed') return
    expect(result.booking).to.include({
      courseId: to.id,
      familyId: old.familyId,
      status: 'confirmed',
      source: 'reception',
      createdByStaffId: 7,
    })
    expect(result.previous).to.include({ id: old.id, status: 'cancelled', cancelReason: `Moved to ${result.booking.reference}` })
    expect(result.previous.calendarSequence).to.equal(old.calendarSequence + 1)
    expect(await statusCounts(from.id)).to.deep.equal({ cancelled: 1 })
    expect(await statusCounts(to.id)).to.deep.equal({ confirmed: 1 })
    expect([(await courseRow(from.id)).placesTaken, (await courseRow(to.id)).placesTaken]).to.deep.equal([0, 1])
    expect(await notificationKinds(result.booking.id)).to.deep.equal(['booking_confirmed:email'])
    expect(await notificationKinds(old.id)).to.deep.equal(['booking_confirmed:email', 'booking_cancelled:email'])
  })

  it('changes nothing when the new course is full: the old place, the counts and the messages stay as they were', async () => {
    const { course: from } = await aCourse({ capacity: 3 })
    const { course: to } = await aCourse({ capacity: 1 })
    const old = await confirmed(from.id)
    await confirmed(to.id)
    const bookingsBefore = await allBookings()
    const messagesBefore = await allNotifications()
    const result = await t.services.booking.changeCourse(old.id, to.id, { staffUserId: 7 })
    expect(result.outcome).to.equal('full')
    expect(await allBookings()).to.deep.equal(bookingsBefore)
    expect(await allNotifications()).to.deep.equal(messagesBefore)
    expect([(await courseRow(from.id)).placesTaken, (await courseRow(to.id)).placesTaken]).to.deep.equal([1, 1])
  })

  it('books the new course over its limit only with a reason', async () => {
    const { course: from } = await aCourse({ capacity: 3 })
    const { course: to } = await aCourse({ capacity: 1 })
    const old = await confirmed(from.id)
    await confirmed(to.id)
    const result = await t.services.booking.changeCourse(old.id, to.id, {
      staffUserId: 7,
      overbookReason: 'Social worker asked for this group',
    })
    expect(result.outcome).to.equal('changed')
    if (result.outcome !== 'changed') return
    expect(result.booking).to.include({ overbooked: true, overbookReason: 'Social worker asked for this group' })
    expect(await courseRow(to.id)).to.include({ placesTaken: 2, overbookedPlaces: 1 })
  })

  it('offers the freed place on the old course to the first family waiting, and schedules the offer’s expiry', async () => {
    const { course: from } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const { course: to } = await aCourse({ capacity: 3 })
    const old = await confirmed(from.id)
    const next = await waiting(from.id)
    const result = await t.services.booking.changeCourse(old.id, to.id)
    expect(result.outcome).to.equal('changed')
    const offered = await bookingRow(next.id)
    expect(offered.status).to.equal('offered')
    expect(await notificationKinds(next.id)).to.deep.equal(['waitlist_joined:email', 'place_offered:email'])
    expect((await courseRow(from.id)).placesTaken).to.equal(1)
    const { jobs } = await t.agenda.queryJobs({ name: 'offer-expiry' })
    expect(jobs.map((job) => (job.data as { bookingId: number }).bookingId)).to.deep.equal([next.id])
  })

  it('moves a family from one waiting list to a place elsewhere, taking them off the old queue', async () => {
    const { course: from } = await aCourse({ capacity: 1 })
    const { course: to } = await aCourse({ capacity: 3 })
    await confirmed(from.id)
    const queued = await waiting(from.id)
    const result = await t.services.booking.changeCourse(queued.id, to.id)
    expect(result.outcome).to.equal('changed')
    expect((await bookingRow(queued.id)).status).to.equal('left_waiting_list')
    expect(await notificationKinds(queued.id)).to.deep.equal(['waitlist_joined:email', 'waitlist_left:email'])
  })

  it('refuses a course the family is already on, a booking that has ended, and a closed course', async () => {
    const { course: from } = await aCourse({ capacity: 3 })
    const { course: to } = await aCourse({ capacity: 3 })
    const { course: closed } = await aCourse({ capacity: 3, bookingOpen: false })
    const old = await confirmed(from.id)
    expect((await t.services.booking.changeCourse(old.id, from.id)).outcome).to.equal('same_course')
    expect((await t.services.booking.changeCourse(old.id, closed.id)).outcome).to.equal('closed')
    await t.services.booking.cancel(old.id)
    expect((await t.services.booking.changeCourse(old.id, to.id)).outcome).to.equal('not_allowed')
    expect(await statusCounts(to.id)).to.deep.equal({})
  })

  it('moves two families in opposite directions at the same moment without either failing', async () => {
    const { course: a } = await aCourse({ capacity: 2 })
    const { course: b } = await aCourse({ capacity: 2 })
    const onA = await confirmed(a.id)
    const onB = await confirmed(b.id)
    const results = await Promise.all([t.services.booking.changeCourse(onA.id, b.id), t.services.booking.changeCourse(onB.id, a.id)])
    expect(results.map((result) => result.outcome)).to.deep.equal(['changed', 'changed'])
    expect(await statusCounts(a.id)).to.deep.equal({ cancelled: 1, confirmed: 1 })
    expect(await statusCounts(b.id)).to.deep.equal({ cancelled: 1, confirmed: 1 })
  })
})

/** The message a promise fails with (a test fails if it does not). */
async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error('expected it to fail')
}

describe('booking service: the staff audit hook', () => {
  const t = useTestApp()

  const failing = async () => {
    throw new Error('the audit entry could not be written')
  }
  const allBookings = () => testDatabase().db.select().from(bookings).orderBy(bookings.id)
  const allNotifications = () => testDatabase().db.select().from(notifications).orderBy(notifications.id)

  async function placeAndQueue() {
    const { course } = await aCourse({ capacity: 1 })
    const placed = await t.services.booking.book(aBookingRequest(course.id))
    const queued = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
    if (placed.outcome !== 'confirmed' || queued.outcome !== 'waiting') throw new Error('set-up failed')
    return { course, placed: placed.booking, queued: queued.booking }
  }

  it('runs inside the booking’s transaction: when it fails, the booking, the family and the messages are not written', async () => {
    const { course } = await aCourse({ capacity: 1 })
    expect(await failureOf(t.services.booking.book(aBookingRequest(course.id, { source: 'reception', audit: failing })))).to.contain(
      'the audit entry could not be written',
    )
    await t.services.booking.book(aBookingRequest(course.id))
    expect(
      await failureOf(t.services.booking.joinWaitingList(aBookingRequest(course.id, { source: 'reception', audit: failing }))),
    ).to.contain('the audit entry')
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 1 })
    expect(await testDatabase().db.select().from(families)).to.have.length(1)
    expect((await allNotifications()).map((row) => row.kind).filter((kind) => !kind.startsWith('reminder_'))).to.deep.equal([
      'booking_confirmed',
    ])
  })

  it('runs inside each change’s transaction: when it fails, cancel, leave, promote and change undo themselves', async () => {
    const { placed, queued } = await placeAndQueue()
    const { course: other } = await aCourse({ capacity: 3 })
    const bookingsBefore = await allBookings()
    const messagesBefore = await allNotifications()
    expect(await failureOf(t.services.booking.cancel(placed.id, { audit: failing }))).to.contain('the audit entry')
    expect(await failureOf(t.services.booking.leaveWaitingList(queued.id, { audit: failing }))).to.contain('the audit entry')
    expect(await failureOf(t.services.booking.promoteFromWaitingList(queued.id, { overbookReason: 'Urgent', audit: failing }))).to.contain(
      'the audit entry',
    )
    expect(await failureOf(t.services.booking.changeCourse(placed.id, other.id, { audit: failing }))).to.contain('the audit entry')
    expect(await allBookings()).to.deep.equal(bookingsBefore)
    expect(await allNotifications()).to.deep.equal(messagesBefore)
  })

  it('is given the outcome and, for a change, the booking as it was, with the change visible in its transaction', async () => {
    const { placed, queued } = await placeAndQueue()
    const seen: { outcome: string; before: string; inTransaction: string | undefined }[] = []
    await t.services.booking.cancel(placed.id, {
      audit: async (tx, result) => {
        const [row] = await tx.select().from(bookings).where(eq(bookings.id, placed.id))
        seen.push({ outcome: result.outcome, before: result.before.status, inTransaction: row?.status })
      },
    })
    await t.services.booking.promoteFromWaitingList(queued.id, {
      audit: async (tx, result) => {
        const [row] = await tx.select().from(bookings).where(eq(bookings.id, queued.id))
        seen.push({ outcome: result.outcome, before: result.before.status, inTransaction: row?.status })
      },
    })
    expect(seen).to.deep.equal([
      { outcome: 'cancelled', before: 'confirmed', inTransaction: 'cancelled' },
      { outcome: 'confirmed', before: 'offered', inTransaction: 'confirmed' },
    ])
  })

  it('is not called when nothing changed: a full course, or the same request key again', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const calls: string[] = []
    const audit = async (_tx: unknown, result: { outcome: string }) => {
      calls.push(result.outcome)
    }
    const request = aBookingRequest(course.id, { source: 'reception', requestKey: 'reception-form-1', audit })
    await t.services.booking.book(request)
    await t.services.booking.book(request)
    await t.services.booking.book(aBookingRequest(course.id, { source: 'reception', audit }))
    expect(calls).to.deep.equal(['confirmed'])
  })
})
