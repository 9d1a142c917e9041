import { expect } from 'chai'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, bookingRow, courseRow, notificationKinds, statusCounts } from '../../support/booking-helpers.js'
import { children, families } from '../../../src/db/schema/index.js'
import { hashToken } from '../../../src/services/tokens.js'
import { REFERENCE_ALPHABET } from '../../../src/services/booking/references.js'

describe('booking service: booking a place', () => {
  const t = useTestApp()

  it('confirms a place while one is free, with a readable reference and a manage token stored only as its hash', async () => {
    const { course } = await aCourse({ capacity: 2 })
    const result = await t.services.booking.book(aBookingRequest(course.id, { children: [{ firstName: 'Amir', ageYears: 3 }] }))
    expect(result.outcome).to.equal('confirmed')
    if (result.outcome !== 'confirmed') return
    expect(result.booking.reference).to.match(new RegExp(`^FH-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{2}$`))
    const row = await bookingRow(result.booking.id)
    expect(row.manageTokenHash).to.equal(hashToken(result.manageToken))
    expect(JSON.stringify(row)).not.to.contain(result.manageToken)
    expect((await courseRow(course.id)).placesTaken).to.equal(1)
    expect(await testDatabase().db.select().from(children).where(eq(children.familyId, row.familyId))).to.have.length(1)
    expect(await notificationKinds(row.id)).to.deep.equal(['booking_confirmed:email'])
    expect((await t.services.booking.findByManageToken(result.manageToken))?.id).to.equal(row.id)
    expect((await t.services.booking.findByReference(result.booking.reference.toLowerCase().replace(/-/g, ' ')))?.id).to.equal(row.id)
  })

  it('says full when no place is left, and writes nothing (no family, no booking)', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await t.services.booking.book(aBookingRequest(course.id))
    const result = await t.services.booking.book(aBookingRequest(course.id))
    expect(result.outcome).to.equal('full')
    expect(await testDatabase().db.select().from(families)).to.have.length(1)
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 1 })
  })

  it('refuses the same email, or the same phone, a second place or queue entry on one course', async () => {
    const { course } = await aCourse({ capacity: 5 })
    const first = aNewFamily()
    await t.services.booking.book(aBookingRequest(course.id, { family: first }))
    const sameEmail = await t.services.booking.book(
      aBookingRequest(course.id, { family: aNewFamily({ email: first.email!.toUpperCase() }) }),
    )
    const samePhone = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family: aNewFamily({ phone: first.phone }) }))
    expect(sameEmail.outcome).to.equal('already_booked')
    expect(samePhone.outcome).to.equal('already_booked')
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 1 })
  })

  it('lets the same person book again once their earlier booking is cancelled', async () => {
    const { course } = await aCourse({ capacity: 5 })
    const family = aNewFamily()
    const first = await t.services.booking.book(aBookingRequest(course.id, { family }))
    if (first.outcome !== 'confirmed') throw new Error('not confirmed')
    await t.services.booking.cancel(first.booking.id)
    expect((await t.services.booking.book(aBookingRequest(course.id, { family }))).outcome).to.equal('confirmed')
  })

  it('makes one booking for a request key sent twice, even at the same moment', async () => {
    const { course } = await aCourse({ capacity: 5 })
    const request = aBookingRequest(course.id, { requestKey: 'journey-key-1' })
    const [a, b] = await Promise.all([t.services.booking.book(request), t.services.booking.book(request)])
    const again = await t.services.booking.book(request)
    expect([a.outcome, b.outcome, again.outcome]).to.deep.equal(['confirmed', 'confirmed', 'confirmed'])
    const ids = [a, b, again].map((r) => (r.outcome === 'confirmed' ? r.booking.id : 0))
    expect(new Set(ids).size).to.equal(1)
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 1 })
  })

  it('is closed when booking is closed, the course is cancelled or it has started', async () => {
    const closed = (await aCourse({ bookingOpen: false })).course
    const cancelled = (await aCourse({ cancelledAt: new Date() })).course
    const started = (await aCourse({ daysFromNow: -1 })).course
    for (const course of [closed, cancelled, started]) {
      expect((await t.services.booking.book(aBookingRequest(course.id))).outcome).to.equal('closed')
      expect((await t.services.booking.joinWaitingList(aBookingRequest(course.id))).outcome).to.equal('closed')
    }
  })

  it('lets staff add a walk-in to a drop-in that has begun, but not one that is over', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const { course } = await aCourse({ sessions: [{ date: today, start: '00:00', end: '23:59' }] })
    const now = new Date(`${today}T12:00:00Z`)
    expect((await t.services.booking.book(aBookingRequest(course.id, { source: 'walk_in', now }))).outcome).to.equal('confirmed')
    expect((await t.services.booking.book(aBookingRequest(course.id, { source: 'online', now }))).outcome).to.equal('closed')
    expect(
      (await t.services.booking.book(aBookingRequest(course.id, { source: 'walk_in', now: new Date(`${today}T23:59:30Z`) }))).outcome,
    ).to.equal('closed')
  })

  it('keeps referral-only programmes for staff: online gets referral_only, reception books', async () => {
    const programme = await aProgramme({ bookingMode: 'referral' })
    const { course } = await aCourse({ programmeId: programme.id })
    expect((await t.services.booking.book(aBookingRequest(course.id))).outcome).to.equal('referral_only')
    expect((await t.services.booking.book(aBookingRequest(course.id, { source: 'reception', staffUserId: 1 }))).outcome).to.equal(
      'confirmed',
    )
  })

  it('over-books only with a reason, raising the course limit by exactly one in the same transaction', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await t.services.booking.book(aBookingRequest(course.id))
    const result = await t.services.booking.book(
      aBookingRequest(course.id, { source: 'reception', staffUserId: 7, overbookReason: 'Referred by health visitor, urgent' }),
    )
    expect(result.outcome).to.equal('confirmed')
    if (result.outcome !== 'confirmed') return
    const row = await bookingRow(result.booking.id)
    expect(row).to.include({
      overbooked: true,
      overbookReason: 'Referred by health visitor, urgent',
      createdByStaffId: 7,
      source: 'reception',
    })
    expect(await courseRow(course.id)).to.include({ capacity: 1, placesTaken: 2, overbookedPlaces: 1 })
  })

  it('books an existing family (staff) with the contact details on its record', async () => {
    const { course } = await aCourse()
    const [family] = await testDatabase().db.insert(families).values({ parentName: 'Known Family', email: 'known@example.com' }).returning()
    const result = await t.services.booking.book({
      courseId: course.id,
      family: { familyId: family!.id },
      source: 'reception',
      staffUserId: 3,
    })
    if (result.outcome !== 'confirmed') throw new Error(result.outcome)
    expect(result.booking).to.include({ familyId: family!.id, contactEmail: 'known@example.com', contactPhone: null })
  })
})
