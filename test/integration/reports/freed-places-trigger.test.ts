import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { aBookingRequest, bookingRow } from '../../support/booking-helpers.js'
import { aStaffUser } from '../staff/staff-helpers.js'
import type { BookingRow } from '../../../src/data/booking-repository.js'

const HOUR = 60 * 60 * 1000

interface FreedRow {
  booking_id: number
  reason: string
  freed_at: Date
  starts_at: Date
  families_waiting: number
  refilled_at: Date | null
  refilled_by_booking_id: number | null
}

async function freedPlaces(courseId: number): Promise<FreedRow[]> {
  const result = await testDatabase().db.execute<Record<string, unknown>>(
    sql`select booking_id, reason, freed_at, starts_at, families_waiting, refilled_at, refilled_by_booking_id
      from freed_places where course_id = ${courseId} order by id`,
  )
  return result.rows.map((row) => ({
    booking_id: Number(row.booking_id),
    reason: String(row.reason),
    freed_at: new Date(row.freed_at as string),
    starts_at: new Date(row.starts_at as string),
    families_waiting: Number(row.families_waiting),
    refilled_at: row.refilled_at === null ? null : new Date(row.refilled_at as string),
    refilled_by_booking_id: row.refilled_by_booking_id === null ? null : Number(row.refilled_by_booking_id),
  }))
}

describe('freed places: the trigger on bookings records places freed and refilled', () => {
  const t = useTestApp()
  let clock: number

  beforeEach(() => {
    // A clock of our own, ahead of the real one but well before the courses start (10 days away).
    clock = Date.now() + HOUR
  })
  const tick = (hours = 1) => new Date((clock += hours * HOUR))

  async function confirmed(courseId: number): Promise<BookingRow> {
    const result = await t.services.booking.book(aBookingRequest(courseId, { now: tick() }))
    if (result.outcome !== 'confirmed') throw new Error(`expected a place, got ${result.outcome}`)
    return result.booking
  }

  async function waiting(courseId: number): Promise<BookingRow> {
    const result = await t.services.booking.joinWaitingList(aBookingRequest(courseId, { now: tick() }))
    if (result.outcome !== 'waiting') throw new Error(`expected the queue, got ${result.outcome}`)
    return result.booking
  }

  it('records a cancelled place with the families then waiting, and its refilling when the offer is accepted', async () => {
    const { course, sessions } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    await waiting(course.id)
    const cancelledAt = tick()
    await t.services.booking.cancel(place.id, { now: cancelledAt })
    const acceptedAt = tick(3)
    expect((await t.services.booking.acceptOffer(first.id, { now: acceptedAt })).outcome).to.equal('confirmed')

    expect(await freedPlaces(course.id)).to.deep.equal([
      {
        booking_id: place.id,
        reason: 'cancelled',
        freed_at: cancelledAt,
        starts_at: sessions[0]!.startsAt,
        families_waiting: 2,
        refilled_at: acceptedAt,
        refilled_by_booking_id: first.id,
      },
    ])
  })

  it('lets a new booking take the oldest empty place, so a later refill is credited to the place freed while the family waited', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const first = await confirmed(course.id)
    await t.services.booking.cancel(first.id, { now: tick() })
    // Nobody waiting: a family books the place afresh.
    const newcomer = await confirmed(course.id)
    const queued = await waiting(course.id)
    await t.services.booking.cancel(newcomer.id, { now: tick() })
    const acceptedAt = tick()
    expect((await t.services.booking.acceptOffer(queued.id, { now: acceptedAt })).outcome).to.equal('confirmed')

    const rows = await testDatabase().db.execute<{
      booking_id: number
      families_waiting: number
      refilled_by_booking_id: number | null
      taken: boolean
    }>(
      sql`select booking_id, families_waiting, refilled_by_booking_id, taken_at is not null as taken from freed_places where course_id = ${course.id} order by id`,
    )
    expect(
      rows.rows.map((r) => ({
        ...r,
        booking_id: Number(r.booking_id),
        refilled_by_booking_id: r.refilled_by_booking_id && Number(r.refilled_by_booking_id),
      })),
    ).to.deep.equal([
      { booking_id: first.id, families_waiting: 0, refilled_by_booking_id: null, taken: true },
      { booking_id: newcomer.id, families_waiting: 1, refilled_by_booking_id: queued.id, taken: false },
    ])
  })

  it('does not let a booking staff put over the capacity take the empty place an offer holds', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const queued = await waiting(course.id)
    await t.services.booking.cancel(place.id, { now: tick() })
    // The place is offered to `queued`; reception books another family over the capacity meanwhile.
    const over = await t.services.booking.book(
      aBookingRequest(course.id, { now: tick(), source: 'reception', overbookReason: 'Referred by the health visitor' }),
    )
    expect(over.outcome).to.equal('confirmed')
    await t.services.booking.acceptOffer(queued.id, { now: tick() })
    const rows = await testDatabase().db.execute<{ refilled_by_booking_id: number | null; taken: boolean }>(
      sql`select refilled_by_booking_id, taken_at is not null as taken from freed_places where course_id = ${course.id}`,
    )
    expect(rows.rows.map((r) => ({ refilled_by_booking_id: Number(r.refilled_by_booking_id), taken: r.taken }))).to.deep.equal([
      { refilled_by_booking_id: queued.id, taken: false },
    ])
  })

  it('records a declined offer as a second freed place; the next acceptance refills the oldest', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    const second = await waiting(course.id)
    await t.services.booking.cancel(place.id, { now: tick() })
    const declinedAt = tick()
    await t.services.booking.declineOffer(first.id, { now: declinedAt })
    expect((await bookingRow(second.id)).status).to.equal('offered')
    const acceptedAt = tick()
    await t.services.booking.acceptOffer(second.id, { now: acceptedAt })

    const rows = await freedPlaces(course.id)
    expect(rows.map((row) => [row.reason, row.families_waiting, row.refilled_by_booking_id])).to.deep.equal([
      ['cancelled', 2, second.id],
      ['declined', 1, null],
    ])
    expect(rows[1]!.freed_at).to.deep.equal(declinedAt)
    expect(rows[0]!.refilled_at).to.deep.equal(acceptedAt)
  })

  it('records an offer that runs out at the time the expiry ran', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const first = await waiting(course.id)
    await t.services.booking.cancel(place.id, { now: tick() })
    const offer = await bookingRow(first.id)
    const expiredAt = new Date(offer.offerExpiresAt!.getTime() + 60_000)
    expect((await t.services.booking.expireOffer(first.id, { now: expiredAt })).outcome).to.equal('expired')

    const rows = await freedPlaces(course.id)
    expect(rows.map((row) => [row.reason, row.families_waiting, row.refilled_at])).to.deep.equal([
      ['cancelled', 1, null],
      ['expired', 0, null],
    ])
    expect(rows[1]!.freed_at).to.deep.equal(expiredAt)
  })

  it('counts nothing when a place is cancelled after the course began, or in a cancelled course', async () => {
    const started = await aCourse({ capacity: 1, daysFromNow: 10 })
    const late = await confirmed(started.course.id)
    await t.services.booking.cancel(late.id, { now: new Date(started.sessions[0]!.startsAt.getTime() + 30 * 60_000) })
    expect(await freedPlaces(started.course.id)).to.deep.equal([])

    const { course, sessions } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    await waiting(course.id)
    const admin = await aStaffUser('admin')
    const actor = { id: admin.id, name: admin.name, email: admin.email, role: admin.role, hubIds: [] }
    // Cancelling the only session cancels the course: its bookings free no place anyone could take.
    expect(await t.services.staff.catalogue.cancelSession(actor, sessions[0]!.id, tick())).to.deep.equal({ ok: true })
    await t.services.booking.cancel(place.id, { now: tick() })
    expect(await freedPlaces(course.id)).to.deep.equal([])
  })

  it('does not count a staff move out of turn as refilling when the course was over-booked for it', async () => {
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    const place = await confirmed(course.id)
    const queued = await waiting(course.id)
    const other = await waiting(course.id)
    await t.services.booking.cancel(place.id, { now: tick() })
    // The place went to `queued` as an offer; staff also move `other` in, over the capacity.
    await t.services.booking.promoteFromWaitingList(other.id, { now: tick(), overbookReason: 'Referred by social worker' })
    expect((await freedPlaces(course.id)).map((row) => row.refilled_by_booking_id)).to.deep.equal([null])
    await t.services.booking.acceptOffer(queued.id, { now: tick() })
    expect((await freedPlaces(course.id)).map((row) => row.refilled_by_booking_id)).to.deep.equal([queued.id])
  })
})
