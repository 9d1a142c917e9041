import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, bookingRow, markPriority } from '../../support/booking-helpers.js'
import type { BookingRow } from '../../../src/data/booking-repository.js'
import type { NewFamily } from '../../../src/services/booking/booking-types.js'
import { LONDON, londonTime } from '../../../src/time.js'

/** A London date `days` from today. */
const day = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

/** A family who gives only a mobile number: texts, no email. */
const textOnly = (): NewFamily => aNewFamily({ email: null, contactByEmail: false, contactBySms: true })

/** The offer messages written for a booking, as "kind:email" or "kind:sms@due ISO" (emails are due when written). */
async function offerMessages(bookingId: number, options: { withState?: boolean } = {}): Promise<string[]> {
  const result = await testDatabase().db.execute<{ kind: string; channel: string; due_at: Date | string; state: string }>(
    sql`select kind, channel, due_at, state from notifications
         where booking_id = ${bookingId} and kind in ('place_offered', 'place_open_offer', 'place_gone') order by id`,
  )
  return result.rows.map((row) => {
    const message = row.channel === 'sms' ? `${row.kind}:sms@${new Date(row.due_at).toISOString()}` : `${row.kind}:${row.channel}`
    return options.withState ? `${message} (${row.state})` : message
  })
}

async function newDatesCount(): Promise<number> {
  const result = await testDatabase().db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where kind = 'new_dates'`)
  return Number(result.rows[0]!.n)
}

function nightQueue(t: ReturnType<typeof useTestApp>) {
  /** A one-place drop-in at a London date and time, its place taken; a text-only priority family first in line, then a family with email. */
  return async function fullDropIn(date: string, start: string, options: { emailFamily?: boolean } = {}) {
    const programme = await aProgramme()
    const { course } = await aCourse({ programmeId: programme.id, capacity: 1, sessions: [{ date, start, end: '23:30' }] })
    const place = await t.services.booking.book(aBookingRequest(course.id))
    if (place.outcome !== 'confirmed') throw new Error(`set-up: ${place.outcome}`)
    const join = async (family: NewFamily): Promise<BookingRow> => {
      const joined = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family }))
      if (joined.outcome !== 'waiting') throw new Error(`set-up: ${joined.outcome}`)
      return joined.booking
    }
    const texts = await join(textOnly())
    await markPriority(texts.familyId)
    const emails = options.emailFamily === false ? undefined : await join(aNewFamily({ contactBySms: true }))
    await t.services.newDates.subscribe({ programmeId: programme.id, email: 'sub@example.com', phone: null, language: 'en' })
    return { course, place: place.booking, texts, emails }
  }
}

describe('offers at night to a family who only gets texts (open offers on, the defaults)', () => {
  const t = useTestApp()
  const fullDropIn = nightQueue(t)

  it('leaves a text-only family out of an open offer that closes before the quiet hours end: no text at night, still first in the queue', async () => {
    // A drop-in at 08:30, freed at 05:00: the open offer closes at 07:30, before a text could go at 08:00.
    const { place, texts, emails } = await fullDropIn(day(3), '08:30')
    const now = londonTime(day(3), '05:00')
    await t.services.booking.cancel(place.id, { now })
    expect(await offerMessages(texts.id), 'not woken, not told of an offer it could not see').to.deep.equal([])
    expect(await offerMessages(emails!.id), 'by email only').to.deep.equal(['place_open_offer:email'])
    expect(await bookingRow(texts.id)).to.include({ status: 'waiting' })
    expect(await t.services.booking.waitingListPosition(texts.id)).to.equal(1)
    expect(await newDatesCount(), 'families are waiting: the subscribers are not told').to.equal(0)
  })

  it('texts a text-only family of an open offer made at night when the quiet hours end, while it is still open', async () => {
    // A drop-in at 11:00, freed at 23:30 the night before: open to everyone until 10:00; texts at 08:00.
    const { place, texts, emails } = await fullDropIn(day(3), '11:00')
    const now = londonTime(day(2), '23:30')
    await t.services.booking.cancel(place.id, { now })
    const morning = londonTime(day(3), '08:00').toISOString()
    expect(await offerMessages(texts.id)).to.deep.equal([`place_open_offer:sms@${morning}`])
    expect(await offerMessages(emails!.id)).to.deep.equal(['place_open_offer:email', `place_open_offer:sms@${morning}`])
  })

  it('texts a family told of a running open offer when a place joins it at night in the morning, not at once', async () => {
    const programme = await aProgramme()
    const { course } = await aCourse({ programmeId: programme.id, capacity: 2, sessions: [{ date: day(3), start: '11:00', end: '12:00' }] })
    const places: BookingRow[] = []
    for (let i = 0; i < 2; i++) {
      const booked = await t.services.booking.book(aBookingRequest(course.id))
      if (booked.outcome !== 'confirmed') throw new Error('set-up')
      places.push(booked.booking)
    }
    const first = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
    if (first.outcome !== 'waiting') throw new Error('set-up')
    // Freed at 21:00 the evening before: one family at a time would get one waking hour before the
    // 09:00 cut-off, so the place is offered to everyone waiting until 10:00.
    await t.services.booking.cancel(places[0]!.id, { now: londonTime(day(2), '21:00') })
    // A newcomer books it; the run is full again and a text-only family joins the queue.
    const newcomer = await t.services.booking.book(aBookingRequest(course.id, { now: londonTime(day(2), '21:10') }))
    if (newcomer.outcome !== 'confirmed') throw new Error(`set-up: ${newcomer.outcome}`)
    const late = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family: textOnly() }))
    if (late.outcome !== 'waiting') throw new Error(`set-up: ${late.outcome}`)
    // A place freed at 23:00 joins the open offer still running: its new family is texted at 08:00.
    await t.services.booking.cancel(places[1]!.id, { now: londonTime(day(2), '23:00') })
    expect(await offerMessages(late.booking.id)).to.deep.equal([`place_open_offer:sms@${londonTime(day(3), '08:00').toISOString()}`])
  })
})

describe('"it has gone" at night', () => {
  const t = useTestApp()

  /** A one-place course starting at 11:00 in three days, its place taken, these families queued in order. */
  async function fullCourseWithQueue(families: NewFamily[]): Promise<{ place: BookingRow; queue: BookingRow[] }> {
    const programme = await aProgramme()
    const { course } = await aCourse({ programmeId: programme.id, capacity: 1, sessions: [{ date: day(3), start: '11:00', end: '12:00' }] })
    const place = await t.services.booking.book(aBookingRequest(course.id))
    if (place.outcome !== 'confirmed') throw new Error('set-up')
    const queue: BookingRow[] = []
    for (const family of families) {
      const joined = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family }))
      if (joined.outcome !== 'waiting') throw new Error('set-up')
      queue.push(joined.booking)
    }
    return { place: place.booking, queue }
  }

  it('takes back the offer texts held for the morning when the places go at night, and says it has gone by email only', async () => {
    const { place, queue } = await fullCourseWithQueue([aNewFamily({ contactBySms: true }), aNewFamily({ contactBySms: true })])
    // Freed at 23:30: open to everyone until 10:00. The first family accepts by email at 23:45.
    await t.services.booking.cancel(place.id, { now: londonTime(day(2), '23:30') })
    expect((await t.services.booking.acceptOffer(queue[0]!.id, { now: londonTime(day(2), '23:45') })).outcome).to.equal('confirmed')
    const morning = londonTime(day(3), '08:00').toISOString()
    expect(await offerMessages(queue[1]!.id, { withState: true })).to.deep.equal([
      'place_open_offer:email (scheduled)',
      `place_open_offer:sms@${morning} (skipped)`,
      'place_gone:email (scheduled)',
    ])
  })

  it('texts "it has gone" when the quiet hours end to a family whose offer text went in the evening', async () => {
    const { place, queue } = await fullCourseWithQueue([aNewFamily({ contactBySms: true }), aNewFamily({ contactBySms: true })])
    // Freed at 20:00 (before the quiet hours): the offer is texted at once and sent; accepted at 23:45.
    await t.services.booking.cancel(place.id, { now: londonTime(day(2), '20:00') })
    await testDatabase().db.execute(sql`update notifications set state = 'sent', sent_at = now() where kind = 'place_open_offer'`)
    expect((await t.services.booking.acceptOffer(queue[0]!.id, { now: londonTime(day(2), '23:45') })).outcome).to.equal('confirmed')
    const morning = londonTime(day(3), '08:00').toISOString()
    expect(await offerMessages(queue[1]!.id)).to.deep.include.members(['place_gone:email', `place_gone:sms@${morning}`])
  })

  it('tells a text-only family nothing at all when its offer text, held for the morning, is taken back', async () => {
    const {
      place,
      queue: [first, texts],
    } = await fullCourseWithQueue([aNewFamily({ contactBySms: true }), textOnly()])
    await t.services.booking.cancel(place.id, { now: londonTime(day(2), '23:30') })
    expect((await t.services.booking.acceptOffer(first!.id, { now: londonTime(day(2), '23:45') })).outcome).to.equal('confirmed')
    const morning = londonTime(day(3), '08:00').toISOString()
    expect(await offerMessages(texts!.id, { withState: true })).to.deep.equal([`place_open_offer:sms@${morning} (skipped)`])
  })
})

describe('staff offering an empty place to everyone waiting, at night', () => {
  const t = useTestApp()
  const fullDropIn = nightQueue(t)

  it('tells the families who get email, says how many only get texts, and offers nobody when only they wait', async () => {
    for (const emailFamily of [true, false]) {
      const { course, texts, emails } = await fullDropIn(day(3), '08:30', { emailFamily })
      // A place nobody was offered (raised in the database, as if an offer was lost); pressed at 05:00.
      await testDatabase().db.execute(sql`update courses set capacity = 2 where id = ${course.id}`)
      const result = await t.services.booking.startOpenOffer(course.id, { now: londonTime(day(3), '05:00') })
      expect(await offerMessages(texts.id)).to.deep.equal([])
      if (emailFamily) {
        expect(result).to.deep.include({ outcome: 'opened', familiesTold: 1, textOnlyLeftOut: 1 })
        expect(await offerMessages(emails!.id)).to.deep.equal(['place_open_offer:email'])
      } else expect(result).to.deep.equal({ outcome: 'no_one_reachable' })
    }
  })
})

describe('offers at night to a family who only gets texts (OPEN_OFFERS=false)', () => {
  const t = useTestApp({ env: { OPEN_OFFERS: 'false' } })
  const fullDropIn = nightQueue(t)

  it('skips a text-only family in an exclusive offer that must go by email only; they keep their place, the next family gets it', async () => {
    // Freed at 23:00, a drop-in at 10:00 tomorrow: the offer must end at the 08:00 cut-off, before a morning text.
    const { place, texts, emails } = await fullDropIn(day(3), '10:00')
    const now = londonTime(day(2), '23:00')
    await t.services.booking.cancel(place.id, { now })
    expect(await offerMessages(texts.id), 'not woken by a text, nor offered a place it could not see').to.deep.equal([])
    expect(await bookingRow(texts.id)).to.include({ status: 'waiting' })
    expect(await t.services.booking.waitingListPosition(texts.id)).to.equal(1)
    expect(await bookingRow(emails!.id)).to.include({ status: 'offered' })
    expect(await offerMessages(emails!.id), 'by email only, as the rule says').to.deep.equal(['place_offered:email'])
  })

  it('leaves the place free for the night when only a text-only family waits: no text, no subscriber told, the sweep included', async () => {
    const { course, place, texts } = await fullDropIn(day(3), '10:00', { emailFamily: false })
    await t.services.booking.cancel(place.id, { now: londonTime(day(2), '23:00') })
    for (const hhmm of ['23:05', '03:00']) await t.services.booking.refillSweep(londonTime(hhmm === '23:05' ? day(2) : day(3), hhmm))
    expect(await offerMessages(texts.id)).to.deep.equal([])
    expect(await bookingRow(texts.id)).to.include({ status: 'waiting' })
    expect(await newDatesCount(), 'a family is waiting: the subscribers are not told').to.equal(0)
    const open = await testDatabase().db.execute<{ n: number }>(
      sql`select count(*)::int as n from open_offers where course_id = ${course.id}`,
    )
    expect(Number(open.rows[0]!.n)).to.equal(0)
  })
})
