import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { and, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, weekly } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, bookingRow } from '../../support/booking-helpers.js'
import { inboundMessages, notifications } from '../../../src/db/schema/index.js'
import type { NewFamily } from '../../../src/services/booking/booking-types.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { confirmedBooking } from '../reminders/reminder-helpers.js'
import { aMessageSid, inboundFields, postSigned, twilioEnv } from './twilio-webhook-helpers.js'

const path = paths.webhooks.twilioInbound
const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!
const replyText = (xml: string) => cheerio.load(xml, { xml: true })('Response > Message').text()
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000)

describe('Twilio webhook: which booking a reply is about', () => {
  const t = useTestApp({ env: twilioEnv })

  /** Marks a booking's text of this kind as sent at that time, as the delivery worker would have. */
  async function textSent(bookingId: number, kind: string, sentAt: Date) {
    await testDatabase()
      .db.update(notifications)
      .set({ state: 'sent', sentAt, providerMessageId: aMessageSid() })
      .where(and(eq(notifications.bookingId, bookingId), eq(notifications.kind, kind), eq(notifications.channel, 'sms')))
  }

  /** The booking's texts of this kind, by state. */
  async function textStates(bookingId: number, kind: string) {
    const rows = await testDatabase()
      .db.select()
      .from(notifications)
      .where(and(eq(notifications.bookingId, bookingId), eq(notifications.kind, kind)))
    return rows.map((row) => `${row.channel} ${row.state}`).sort()
  }

  /** Two confirmed bookings for one number: the sooner course in 3 days, the later in 10. */
  async function twoBookings() {
    const sooner = await aCourse({ sessions: weekly(inDays(3), 1, '10:00', '11:00') })
    const later = await aCourse({ sessions: weekly(inDays(10), 1, '14:00', '15:00') })
    const family = aNewFamily({ contactBySms: true, contactByEmail: true })
    const soon = await confirmedBooking(t, sooner.course.id, family)
    const late = await confirmedBooking(t, later.course.id, { ...aNewFamily(), phone: family.phone, contactBySms: true })
    return { phone: family.phone!, soon, late }
  }

  describe('CANCEL', () => {
    it("cancels the booking of the latest text, even a confirmation, not the number's sooner booking", async () => {
      const { phone, soon, late } = await twoBookings()
      await textSent(soon.id, 'booking_confirmed', minutesAgo(60))
      await textSent(late.id, 'booking_confirmed', minutesAgo(1))
      const response = await postSigned(t.app, path, inboundFields(phone, 'CANCEL'))
      expect(replyText(response.text)).to.match(/^Cancelled: Test programme \d+, \w{3} \d+ \w{3}, 2pm\./)
      expect((await bookingRow(late.id)).status).to.equal('cancelled')
      expect((await bookingRow(soon.id)).status, 'the sooner booking').to.equal('confirmed')
    })

    it('sends the family one text: the reply, not the cancellation text as well (the email still goes)', async () => {
      const { phone, soon } = await twoBookings()
      await textSent(soon.id, 'booking_confirmed', minutesAgo(1))
      await postSigned(t.app, path, inboundFields(phone, 'CANCEL'))
      expect((await bookingRow(soon.id)).status).to.equal('cancelled')
      expect(await textStates(soon.id, 'booking_cancelled')).to.deep.equal(['email scheduled', 'sms skipped'])
    })

    it('asks which, numbered, when two bookings were texted in the same send, and "CANCEL 1" then cancels the first listed', async () => {
      const { phone, soon, late } = await twoBookings()
      await textSent(soon.id, 'booking_confirmed', minutesAgo(2))
      await textSent(late.id, 'booking_confirmed', minutesAgo(1))
      const asked = await postSigned(t.app, path, inboundFields(phone, 'cancel'))
      expect(replyText(asked.text)).to.match(
        /^Which booking do you want to cancel\? Reply CANCEL 1 for Test programme \d+, \w{3} \d+ \w{3} 10am, CANCEL 2 for Test programme \d+, \w{3} \d+ \w{3} 2pm\.$/,
      )
      expect((await bookingRow(soon.id)).status).to.equal('confirmed')
      expect((await bookingRow(late.id)).status).to.equal('confirmed')
      const [question] = await testDatabase().db.select().from(inboundMessages)
      expect(question).to.include({ action: 'asked_which_to_cancel' })
      expect(question!.details).to.deep.include({ choices: [soon.id, late.id] })

      await postSigned(t.app, path, inboundFields(phone, 'CANCEL 1'))
      expect((await bookingRow(soon.id)).status).to.equal('cancelled')
      expect((await bookingRow(late.id)).status).to.equal('confirmed')
    })

    it("asks rather than guess when the latest text's booking can no longer be cancelled but another can", async () => {
      const { phone, soon, late } = await twoBookings()
      await textSent(soon.id, 'booking_confirmed', minutesAgo(60))
      await t.services.booking.cancel(late.id)
      await textSent(late.id, 'booking_cancelled', minutesAgo(1))
      const asked = await postSigned(t.app, path, inboundFields(phone, 'CANCEL'))
      expect(replyText(asked.text)).to.match(
        /^Which booking do you want to cancel\? Reply CANCEL 1 for Test programme \d+, \w{3} \d+ \w{3} 10am\.$/,
      )
      expect((await bookingRow(soon.id)).status).to.equal('confirmed')
    })

    it('asks again, cancelling nothing, when the numbers were given over a day ago', async () => {
      const { phone, soon, late } = await twoBookings()
      await postSigned(t.app, path, inboundFields(phone, 'CANCEL'))
      await testDatabase()
        .db.update(inboundMessages)
        .set({ receivedAt: new Date(Date.now() - 25 * 3600_000) })
      const response = await postSigned(t.app, path, inboundFields(phone, 'CANCEL 2'))
      expect(replyText(response.text)).to.match(/^Which booking do you want to cancel\?/)
      expect((await bookingRow(soon.id)).status).to.equal('confirmed')
      expect((await bookingRow(late.id)).status).to.equal('confirmed')
    })
  })

  describe('YES', () => {
    /** A family waiting on two full courses whose places then come free: two open offers. */
    async function twoOffers() {
      const family: Partial<NewFamily> = aNewFamily({ contactBySms: true, contactByEmail: true })
      const offers: number[] = []
      for (const day of [5, 8]) {
        const { course } = await aCourse({ capacity: 1, sessions: weekly(inDays(day), 1, '14:00', '16:00') })
        const place = await confirmedBooking(t, course.id)
        const waiting = await t.services.booking.joinWaitingList(
          aBookingRequest(course.id, { family: { ...aNewFamily(), ...family } as NewFamily }),
        )
        if (waiting.outcome !== 'waiting') throw new Error(waiting.outcome)
        await t.services.booking.cancel(place.id)
        offers.push(waiting.booking.id)
      }
      return { phone: family.phone!, first: offers[0]!, second: offers[1]! }
    }

    it('accepts the offer of the latest text when several are open, and sends one text (the reply, with the reference)', async () => {
      const { phone, first, second } = await twoOffers()
      await textSent(second, 'place_offered', minutesAgo(30))
      await textSent(first, 'place_offered', minutesAgo(1))
      const response = await postSigned(t.app, path, inboundFields(phone, 'YES'))
      const reference = (await bookingRow(first)).reference
      expect(replyText(response.text))
        .to.match(/^You're booked: Test programme \d+, /)
        .and.include(`Ref ${reference}.`)
      expect((await bookingRow(first)).status).to.equal('confirmed')
      expect((await bookingRow(second)).status).to.equal('offered')
      expect(await textStates(first, 'booking_confirmed')).to.deep.equal(['email scheduled', 'sms skipped'])
    })

    it('asks which when several offers are open and no text tells them apart, and takes "YES 2"', async () => {
      const { phone, first, second } = await twoOffers()
      const asked = await postSigned(t.app, path, inboundFields(phone, 'yes'))
      expect(replyText(asked.text)).to.match(/^Which place do you want to take\? Reply YES 1 for .+, YES 2 for .+\.$/)
      expect((await bookingRow(first)).status).to.equal('offered')
      expect((await bookingRow(second)).status).to.equal('offered')
      await postSigned(t.app, path, inboundFields(phone, 'Yes 2'))
      // Latest offer first: the second course's offer is number 1.
      expect((await bookingRow(first)).status).to.equal('confirmed')
      expect((await bookingRow(second)).status).to.equal('offered')
    })
  })
})
