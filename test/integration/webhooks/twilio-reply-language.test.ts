import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { and, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, weekly } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, bookingRow } from '../../support/booking-helpers.js'
import { bookings, notifications } from '../../../src/db/schema/index.js'
import type { Language } from '../../../src/i18n/languages.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { confirmedBooking } from '../reminders/reminder-helpers.js'
import { aMessageSid, inboundFields, postSigned, twilioEnv } from './twilio-webhook-helpers.js'

const path = paths.webhooks.twilioInbound
const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!
const replyText = (xml: string) => cheerio.load(xml, { xml: true })('Response > Message').text()

describe('Twilio webhook: replies in the family’s language', () => {
  const t = useTestApp({ env: twilioEnv })

  /** A booking in this language whose reminder text has gone to the family's phone. */
  async function aRemindedBooking(language: Language) {
    const hub = await aHub({ name: 'Foleshill Family Hub', phone: '024 7678 5000' })
    const { course, sessions } = await aCourse({ hubId: hub.id, sessions: weekly(inDays(3), 1, '10:30', '12:00') })
    const booking = await confirmedBooking(t, course.id)
    await testDatabase().db.update(bookings).set({ language }).where(eq(bookings.id, booking.id))
    await testDatabase()
      .db.update(notifications)
      .set({ state: 'sent', sentAt: new Date(), providerMessageId: aMessageSid() })
      .where(and(eq(notifications.bookingId, booking.id), eq(notifications.sessionId, sessions[0]!.id), eq(notifications.channel, 'sms')))
    return booking
  }

  it('cancels on the Polish word ANULUJ and answers in Polish', async () => {
    const booking = await aRemindedBooking('pl')
    const response = await postSigned(t.app, path, inboundFields(booking.contactPhone!, 'anuluj'))
    expect(replyText(response.text)).to.match(/^Anulowano: Test programme \d+, \d{1,2}\.\d{2}, 10:30\. Dziękujemy za informację/)
    expect((await bookingRow(booking.id)).status).to.equal('cancelled')
  })

  it('still understands the English word from a Polish family, and answers in Polish', async () => {
    const booking = await aRemindedBooking('pl')
    const response = await postSigned(t.app, path, inboundFields(booking.contactPhone!, 'CANCEL'))
    expect(replyText(response.text)).to.match(/^Anulowano: /)
  })

  it('cancels on the Arabic word and answers in Arabic', async () => {
    const booking = await aRemindedBooking('ar')
    const response = await postSigned(t.app, path, inboundFields(booking.contactPhone!, 'إلغاء'))
    expect(replyText(response.text)).to.match(/^أُلغي: Test programme \d+/)
    expect((await bookingRow(booking.id)).status).to.equal('cancelled')
  })

  it('answers a reply it cannot act on in the language of the family’s booking, with the hub’s number', async () => {
    const booking = await aRemindedBooking('pa')
    const response = await postSigned(t.app, path, inboundFields(booking.contactPhone!, 'hello?'))
    expect(replyText(response.text)).to.include('ਰੱਦ (CANCEL)').and.include('024 7678 5000')
    const stop = await postSigned(t.app, path, inboundFields(booking.contactPhone!, 'ਬੰਦ'))
    expect(replyText(stop.text)).to.include('START (ਜਾਂ ਸ਼ੁਰੂ)')
  })

  it('answers in English when it knows no booking for the number', async () => {
    const response = await postSigned(t.app, path, inboundFields('+447700900999', 'ANULUJ'))
    expect(replyText(response.text)).to.equal(
      'We could not find a booking to cancel for this number. Please use the link in your booking email or call your family hub.',
    )
  })
  it('accepts an offer on the Polish word TAK and answers in Polish', async () => {
    const { course } = await aCourse({ capacity: 1, sessions: weekly(inDays(5), 1, '14:00', '16:00') })
    const place = await confirmedBooking(t, course.id)
    const family = aNewFamily({ contactBySms: true })
    const waiting = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family }))
    if (waiting.outcome !== 'waiting') throw new Error(waiting.outcome)
    await testDatabase().db.update(bookings).set({ language: 'pl' }).where(eq(bookings.id, waiting.booking.id))
    await t.services.booking.cancel(place.id)
    expect((await bookingRow(waiting.booking.id)).status).to.equal('offered')

    const response = await postSigned(t.app, path, inboundFields(family.phone!, 'Tak, poproszę'))

    expect(replyText(response.text)).to.match(/^Masz miejsce: Test programme \d+, \d{1,2}\.\d{2}, 14:00/)
    expect((await bookingRow(waiting.booking.id)).status).to.equal('confirmed')
  })
})
