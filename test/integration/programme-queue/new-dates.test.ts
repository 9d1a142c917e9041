import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme } from '../../support/builders.js'
import { aBookingRequest } from '../../support/booking-helpers.js'
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

describe('tell me about new dates', () => {
  const t = useTestApp()

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
