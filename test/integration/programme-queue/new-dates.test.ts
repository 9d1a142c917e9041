import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme } from '../../support/builders.js'
import { DateTime } from 'luxon'
import { aBookingRequest } from '../../support/booking-helpers.js'
import { LONDON, londonTime } from '../../../src/time.js'
import { newDatesSubscriptions } from '../../../src/db/schema/index.js'
import { toPrincipal } from '../../../src/services/staff/auth-service.js'
import { aStaffUser } from '../staff/staff-helpers.js'

/** The new_dates rows in the outbox, as "<recipient>:<channel>:<course>". */
async function newDatesMessages(): Promise<string[]> {
  const result = await testDatabase().db.execute<{ recipient: string; channel: string; course: number }>(
    sql`select recipient, channel, (payload->>'courseId')::int as course from notifications where kind = 'new_dates' order by id`,
  )
  return result.rows.map((row) => `${row.recipient}:${row.channel}:${row.course}`)
}

/** The new_dates rows with when each is due, as "<channel>@<due ISO>". */
async function newDatesDue(): Promise<string[]> {
  const result = await testDatabase().db.execute<{ channel: string; due_at: Date | string }>(
    sql`select channel, due_at from notifications where kind = 'new_dates' order by id`,
  )
  return result.rows.map((row) => `${row.channel}@${new Date(row.due_at).toISOString()}`)
}

/** A London date `days` from today. */
const day = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

const MINUTE = 60 * 1000

describe('tell me about new dates', () => {
  const t = useTestApp()

  /** A one-place drop-in of a programme at a London date and time, its place taken, with a subscriber by email and text. */
  async function aFullDropInWithSubscriber(date: string, start: string, programme?: Awaited<ReturnType<typeof aProgramme>>) {
    const owner = programme ?? (await aProgramme())
    const { course, sessions } = await aCourse({ programmeId: owner.id, capacity: 1, sessions: [{ date, start, end: '23:59' }] })
    await t.services.newDates.subscribe({ programmeId: owner.id, email: 'sub@example.com', phone: '+447700900111', language: 'en' })
    const source = owner.bookingMode === 'referral' ? 'reception' : 'online'
    const place = await t.services.booking.book(aBookingRequest(course.id, { source }))
    if (place.outcome !== 'confirmed') throw new Error(`set-up: ${place.outcome}`)
    return { course, start: sessions[0]!.startsAt, place: place.booking }
  }

  it('tells subscribers about a place freed after the open-offer cut-off with nobody waiting, while it can still be booked online, once per run', async () => {
    const { course, start, place } = await aFullDropInWithSubscriber(day(3), '16:00')
    // 30 minutes before: too late for any offer (open offers close 60 minutes before a drop-in).
    const late = new Date(start.getTime() - 30 * MINUTE)
    await t.services.booking.cancel(place.id, { now: late })
    expect(await newDatesMessages()).to.deep.equal([`sub@example.com:email:${course.id}`, `+447700900111:sms:${course.id}`])
    expect(await newDatesDue()).to.deep.equal([`email@${late.toISOString()}`, `sms@${late.toISOString()}`])
    // Freed again: nothing more.
    const again = await t.services.booking.book(aBookingRequest(course.id, { now: late }))
    if (again.outcome !== 'confirmed') throw new Error(`set-up: ${again.outcome}`)
    await t.services.booking.cancel(again.booking.id, { now: new Date(late.getTime() + 5 * MINUTE) })
    expect(await newDatesMessages()).to.have.length(2)
  })

  it('does not tell subscribers about a place freed after the cut-off while families wait for it: they are never passed over', async () => {
    const { course, start, place } = await aFullDropInWithSubscriber(day(3), '16:00')
    const queued = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
    if (queued.outcome !== 'waiting') throw new Error('set-up')
    await t.services.booking.cancel(place.id, { now: new Date(start.getTime() - 30 * MINUTE) })
    expect(await newDatesMessages()).to.deep.equal([])
    expect((await t.services.booking.details(queued.booking.id))?.booking.status, 'no offer so late').to.equal('waiting')
  })

  it('does not tell subscribers about a late place families cannot book online (referral only)', async () => {
    const programme = await aProgramme({ bookingMode: 'referral' })
    const { start, place } = await aFullDropInWithSubscriber(day(3), '16:00', programme)
    await t.services.booking.cancel(place.id, { now: new Date(start.getTime() - 30 * MINUTE) })
    expect(await newDatesMessages()).to.deep.equal([])
  })

  it('holds the text of a place freed at night until the quiet hours end, and sends the email at once', async () => {
    const { course, place } = await aFullDropInWithSubscriber(day(4), '16:00')
    const night = londonTime(day(2), '23:00')
    await t.services.booking.cancel(place.id, { now: night })
    expect(await newDatesMessages()).to.deep.equal([`sub@example.com:email:${course.id}`, `+447700900111:sms:${course.id}`])
    expect(await newDatesDue()).to.deep.equal([`email@${night.toISOString()}`, `sms@${londonTime(day(3), '08:00').toISOString()}`])
  })

  it('sends no text about a late place freed at night when the morning is too late to book it', async () => {
    // A drop-in at 08:00, freed at 07:30: past the open-offer cut-off, and the text could go only as it starts.
    const { course, place } = await aFullDropInWithSubscriber(day(3), '08:00')
    const early = londonTime(day(3), '07:30')
    await t.services.booking.cancel(place.id, { now: early })
    expect(await newDatesMessages()).to.deep.equal([`sub@example.com:email:${course.id}`])
  })

  it('tells each subscriber once per run when a place is freed with no one waiting, however often it happens', async () => {
    const programme = await aProgramme()
    const { course } = await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 10 })
    await t.services.newDates.subscribe({ programmeId: programme.id, email: 'sub@example.com', phone: '+447700900111', language: 'en' })
    const first = await t.services.booking.book(aBookingRequest(course.id))
    if (first.outcome !== 'confirmed') throw new Error('set-up')
    await t.services.booking.cancel(first.booking.id)
    const again = await t.services.booking.book(aBookingRequest(course.id))
    if (again.outcome !== 'confirmed') throw new Error('set-up')
    await t.services.booking.cancel(again.booking.id)
    expect(await newDatesMessages()).to.deep.equal([`sub@example.com:email:${course.id}`, `+447700900111:sms:${course.id}`])
  })

  it('does not tell subscribers about a place that goes to a family waiting for it', async () => {
    const programme = await aProgramme()
    const { course } = await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 10 })
    await t.services.newDates.subscribe({ programmeId: programme.id, email: 'sub@example.com', phone: null, language: 'en' })
    const place = await t.services.booking.book(aBookingRequest(course.id))
    await t.services.booking.joinWaitingList(aBookingRequest(course.id))
    if (place.outcome !== 'confirmed') throw new Error('set-up')
    await t.services.booking.cancel(place.booking.id)
    expect(await newDatesMessages()).to.deep.equal([])
  })

  it('tells subscribers about every new run staff add', async () => {
    const programme = await aProgramme()
    await t.services.newDates.subscribe({ programmeId: programme.id, email: 'sub@example.com', phone: null, language: 'pl' })
    const other = await aProgramme()
    await t.services.newDates.subscribe({ programmeId: other.id, email: 'other@example.com', phone: null, language: 'en' })
    const actor = toPrincipal(await aStaffUser('admin'), [])
    const date = new Date(Date.now() + 9 * 24 * 3600_000).toISOString().slice(0, 10)
    const repeat = { firstDate: date, startTime: '10:00', endTime: '12:00', sessions: 3 }
    const courseId = await t.services.staff.catalogue.createCourse(actor, {
      programmeId: programme.id,
      hubId: null,
      kind: 'course',
      capacity: 8,
      room: null,
      repeat,
    })
    expect(await newDatesMessages()).to.deep.equal([`sub@example.com:email:${courseId}`])
  })

  it('keeps one subscription per email for a programme when asked twice', async () => {
    const programme = await aProgramme()
    await t.services.newDates.subscribe({ programmeId: programme.id, email: 'twice@example.com', phone: null, language: 'en' })
    await t.services.newDates.subscribe({ programmeId: programme.id, email: 'twice@example.com', phone: '+447700900222', language: 'ar' })
    const rows = await testDatabase().db.select().from(newDatesSubscriptions)
    expect(rows).to.have.length(1)
    expect(rows[0]).to.include({ phone: '+447700900222', language: 'ar' })
  })

  it('unsubscribes with the link in the message, and the link then opens nothing', async () => {
    const programme = await aProgramme()
    const { course } = await aCourse({ programmeId: programme.id, capacity: 2, daysFromNow: 10 })
    await t.services.newDates.subscribe({ programmeId: programme.id, email: 'leave@example.com', phone: null, language: 'en' })
    await t.services.booking.offerFreedPlacesNow(course.id)
    const [row] = (
      await testDatabase().db.execute<{ payload: { unsubscribeNonce: string } }>(
        sql`select payload from notifications where kind = 'new_dates'`,
      )
    ).rows
    const { linkToken } = await import('../../../src/services/tokens.js')
    const token = linkToken(t.services.config.sessionSecret, 'new-dates-unsubscribe', row!.payload.unsubscribeNonce)
    expect((await t.services.newDates.findByToken(token))?.email).to.equal('leave@example.com')
    expect(await t.services.newDates.unsubscribe(token)).to.equal('unsubscribed')
    expect(await t.services.newDates.unsubscribe(token)).to.equal('not_found')
    expect(await testDatabase().db.select().from(newDatesSubscriptions)).to.have.length(0)
    const stored = (
      await testDatabase().db.execute<{ recipient: string }>(sql`select recipient from notifications where kind = 'new_dates'`)
    ).rows
    expect(stored.map((r) => r.recipient)).to.deep.equal(['erased'])
  })

  it('includes subscriptions in the subject access export and removes them on erasure', async () => {
    const programme = await aProgramme()
    const { course } = await aCourse({ programmeId: programme.id, capacity: 2, daysFromNow: 10 })
    const request = aBookingRequest(course.id)
    const booked = await t.services.booking.book(request)
    if (booked.outcome !== 'confirmed' || !('email' in request.family)) throw new Error('set-up')
    await t.services.newDates.subscribe({ programmeId: programme.id, email: request.family.email ?? null, phone: null, language: 'en' })
    const actor = toPrincipal(await aStaffUser('admin'), [])
    const { FamilyExport } = await import('../../../src/data/privacy/family-export.js')
    const sections = await new FamilyExport(testDatabase().db).sections(booked.booking.familyId)
    expect(sections!.find((s) => s.table === 'new_dates_subscriptions')!.rows).to.have.length(1)
    expect(sections!.find((s) => s.table === 'new_dates_subscriptions')!.rows[0]).to.not.have.property('unsubscribe_nonce')
    expect(await t.services.staff.dataProtection.erase(actor, booked.booking.familyId, 'Asked by the family')).to.equal('erased')
    expect(await testDatabase().db.select().from(newDatesSubscriptions)).to.have.length(0)
  })

  it('removes subscriptions past retention', async () => {
    const programme = await aProgramme()
    await t.services.newDates.subscribe({ programmeId: programme.id, email: 'old@example.com', phone: null, language: 'en' })
    await testDatabase().db.execute(sql`update new_dates_subscriptions set created_at = now() - interval '10 years'`)
    await t.services.staff.dataProtection.applyRetention()
    expect(await testDatabase().db.select().from(newDatesSubscriptions)).to.have.length(0)
  })
})
