import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { and, eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, weekly } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, bookingRow } from '../../support/booking-helpers.js'
import { inboundMessages, notifications, smsOptOuts } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { confirmedBooking, reminderRows } from '../reminders/reminder-helpers.js'
import { aMessageSid, inboundFields, postSigned, signatureFor, twilioEnv } from './twilio-webhook-helpers.js'

const path = paths.webhooks.twilioInbound
const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!
const replyText = (xml: string) => cheerio.load(xml, { xml: true })('Response > Message').text()

describe('Twilio webhook: replies to our texts', () => {
  const t = useTestApp({ env: twilioEnv })

  /** Marks a booking's text reminder for a session as sent, as the delivery worker would have. */
  async function reminderTextSent(bookingId: number, sessionId: number, sentAt = new Date()) {
    await testDatabase()
      .db.update(notifications)
      .set({ state: 'sent', sentAt, providerMessageId: aMessageSid() })
      .where(and(eq(notifications.bookingId, bookingId), eq(notifications.sessionId, sessionId), eq(notifications.channel, 'sms')))
  }

  /** Marks a booking's text of this kind as sent, as the delivery worker would have. */
  async function textSent(bookingId: number, kind: string, sentAt = new Date()) {
    await testDatabase()
      .db.update(notifications)
      .set({ state: 'sent', sentAt, providerMessageId: aMessageSid() })
      .where(and(eq(notifications.bookingId, bookingId), eq(notifications.kind, kind), eq(notifications.channel, 'sms')))
  }

  describe('signature', () => {
    it('refuses a reply with a wrong, missing or borrowed signature with 403, and does nothing', async () => {
      const { course } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
      const booking = await confirmedBooking(t, course.id)
      const fields = inboundFields(booking.contactPhone!, 'CANCEL')
      const wrongToken = await postSigned(t.app, path, fields, signatureFor(path, fields, 'not-the-auth-token'))
      const missing = await request(t.app).post(path).type('form').send(fields)
      const otherUrl = await postSigned(t.app, path, fields, signatureFor(paths.webhooks.twilioStatus, fields))
      const tampered = await postSigned(t.app, path, { ...fields, Body: 'CANCEL please' }, signatureFor(path, fields))
      for (const response of [wrongToken, missing, otherUrl, tampered]) expect(response.status).to.equal(403)
      expect((await bookingRow(booking.id)).status).to.equal('confirmed')
      expect(await testDatabase().db.select().from(inboundMessages)).to.deep.equal([])
    })

    it('refuses every reply when Twilio is not set up (no auth token to check against)', async () => {
      const bare = await buildTestApp()
      const fields = inboundFields('+447700900123', 'hello')
      expect((await postSigned(bare.app, path, fields)).status).to.equal(403)
    })

    it('needs no CSRF token: a signed reply is answered with TwiML', async () => {
      const response = await postSigned(t.app, path, inboundFields('+447700900123', 'hello'))
      expect(response.status).to.equal(200)
      expect(response.headers['content-type']).to.match(/xml/)
      expect(response.text).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>.+<\/Message><\/Response>$/)
    })
  })

  describe('CANCEL', () => {
    it('cancels the booking of the latest reminder texted to that number, replies, and offers the place to the waiting list', async () => {
      const hub = await aHub({ name: 'Foleshill Family Hub' })
      const { course, sessions } = await aCourse({ hubId: hub.id, capacity: 1, sessions: weekly(inDays(3), 2, '10:30', '12:00') })
      const sooner = await aCourse({ sessions: weekly(inDays(2), 1, '14:00', '16:00') })
      const family = aNewFamily({ contactBySms: true, contactByEmail: true })
      const booked = await t.services.booking.book(aBookingRequest(course.id, { family }))
      if (booked.outcome !== 'confirmed') throw new Error(booked.outcome)
      // The same number also holds an earlier place elsewhere: the reply is about the reminder.
      const other = await t.services.booking.book(
        aBookingRequest(sooner.course.id, { family: aNewFamily({ phone: family.phone, contactBySms: true }) }),
      )
      if (other.outcome !== 'confirmed') throw new Error(other.outcome)
      const waiting = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
      if (waiting.outcome !== 'waiting') throw new Error(waiting.outcome)
      await reminderTextSent(booked.booking.id, sessions[0]!.id)

      const response = await postSigned(t.app, path, inboundFields(family.phone!, 'cancel please, my son is ill'))

      expect(response.status).to.equal(200)
      const reply = replyText(response.text)
      expect(reply).to.match(/^Cancelled: Test programme \d+, \w{3} \d+ \w{3}, 10:30am\. Thanks for letting us know/)
      const cancelled = await bookingRow(booked.booking.id)
      expect(cancelled.status).to.equal('cancelled')
      expect(cancelled.cancelReason).to.equal('Replied CANCEL to a text message')
      expect((await bookingRow(other.booking.id)).status, 'the other booking').to.equal('confirmed')
      expect((await bookingRow(waiting.booking.id)).status, 'the first family waiting').to.equal('offered')
      const [record] = await testDatabase().db.select().from(inboundMessages)
      expect(record).to.include({ fromPhone: family.phone, body: 'cancel please, my son is ill', action: 'cancelled_booking' })
      expect(record!.details).to.include({ bookingId: booked.booking.id, reply })
      expect(
        (await reminderRows(booked.booking.id)).filter((r) => r.state === 'scheduled'),
        'pending reminders',
      ).to.deep.equal([])
    })

    it('asks which booking, numbered, when no text has gone to the number yet, and acts on "CANCEL 2"', async () => {
      const later = await aCourse({ sessions: weekly(inDays(9), 1, '14:00', '16:00') })
      const sooner = await aCourse({ sessions: weekly(inDays(4), 1, '14:00', '16:00') })
      const family = aNewFamily({ contactBySms: true })
      const a = await confirmedBooking(t, later.course.id, family)
      const b = await confirmedBooking(t, sooner.course.id, { ...aNewFamily(), phone: family.phone, contactBySms: true })
      const asked = await postSigned(t.app, path, inboundFields(family.phone!, 'CANCEL'))
      expect(replyText(asked.text)).to.match(
        /^Which booking do you want to cancel\? Reply CANCEL 1 for Test programme \d+, \w{3} \d+ \w{3} 2pm, CANCEL 2 for Test programme \d+, /,
      )
      expect((await bookingRow(a.id)).status).to.equal('confirmed')
      expect((await bookingRow(b.id)).status).to.equal('confirmed')
      const response = await postSigned(t.app, path, inboundFields(family.phone!, 'Cancel 2'))
      expect(replyText(response.text)).to.match(/^Cancelled: /)
      expect((await bookingRow(a.id)).status, 'number 2: the later one').to.equal('cancelled')
      expect((await bookingRow(b.id)).status).to.equal('confirmed')
    })

    it('acts once on a reply Twilio sends twice (same MessageSid), and answers the same both times', async () => {
      const first = await aCourse({ sessions: weekly(inDays(4), 1, '14:00', '16:00') })
      const second = await aCourse({ sessions: weekly(inDays(9), 1, '14:00', '16:00') })
      const family = aNewFamily({ contactBySms: true })
      const a = await confirmedBooking(t, first.course.id, family)
      const b = await confirmedBooking(t, second.course.id, { ...aNewFamily(), phone: family.phone, contactBySms: true })
      await textSent(a.id, 'booking_confirmed')
      const fields = inboundFields(family.phone!, 'CANCEL')
      const once = await postSigned(t.app, path, fields)
      const twice = await postSigned(t.app, path, fields)
      expect(twice.text).to.equal(once.text)
      expect((await bookingRow(a.id)).status).to.equal('cancelled')
      expect((await bookingRow(b.id)).status, 'not cancelled by the repeat').to.equal('confirmed')
      expect(await testDatabase().db.select().from(inboundMessages)).to.have.length(1)
    })

    it('says so, with the hub to call, when the number has nothing to cancel', async () => {
      const hub = await aHub({ name: 'Willenhall Family Hub', phone: '024 7678 8100' })
      const { course } = await aCourse({ hubId: hub.id, sessions: weekly(inDays(4), 1, '14:00', '16:00') })
      const booking = await confirmedBooking(t, course.id)
      await t.services.booking.cancel(booking.id)
      const response = await postSigned(t.app, path, inboundFields(booking.contactPhone!, 'Cancel'))
      expect(replyText(response.text)).to.equal(
        'We could not find a booking to cancel for this number. Please call Willenhall Family Hub on 024 7678 8100.',
      )
      const [record] = await testDatabase().db.select().from(inboundMessages)
      expect(record!.action).to.equal('nothing_to_cancel')
    })
  })

  describe('YES', () => {
    it('accepts the open waiting-list offer for that number, and plans its reminders', async () => {
      const { course } = await aCourse({ capacity: 1, sessions: weekly(inDays(5), 1, '14:00', '16:00') })
      const place = await confirmedBooking(t, course.id)
      const family = aNewFamily({ contactBySms: true })
      const waiting = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family }))
      if (waiting.outcome !== 'waiting') throw new Error(waiting.outcome)
      await t.services.booking.cancel(place.id)
      expect((await bookingRow(waiting.booking.id)).status).to.equal('offered')

      const response = await postSigned(t.app, path, inboundFields(family.phone!, 'Yes please!'))

      expect(replyText(response.text)).to.match(/^You're booked: Test programme \d+, /)
      expect((await bookingRow(waiting.booking.id)).status).to.equal('confirmed')
      expect((await reminderRows(waiting.booking.id)).length).to.be.greaterThan(0)
      const [record] = await testDatabase().db.select().from(inboundMessages)
      expect(record!.action).to.equal('accepted_offer')
    })

    it('books nothing when no offer is open for that number, and gives the hub to call', async () => {
      const hub = await aHub({ name: 'Bell Green Family Hub', phone: '024 7678 8200' })
      const { course } = await aCourse({ hubId: hub.id, capacity: 1, sessions: weekly(inDays(5), 1, '14:00', '16:00') })
      await confirmedBooking(t, course.id)
      const family = aNewFamily({ contactBySms: true })
      const waiting = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family }))
      if (waiting.outcome !== 'waiting') throw new Error(waiting.outcome)
      const response = await postSigned(t.app, path, inboundFields(family.phone!, 'YES'))
      expect(replyText(response.text)).to.include('Bell Green Family Hub on 024 7678 8200')
      expect((await bookingRow(waiting.booking.id)).status).to.equal('waiting')
    })
  })

  describe('STOP', () => {
    it('opts the number out: recorded, pending texts to it cancelled, emails untouched, and no new text rows', async () => {
      const { course } = await aCourse({ sessions: weekly(inDays(7), 2, '14:00', '16:00') })
      const family = aNewFamily({ contactBySms: true, contactByEmail: true })
      const booking = await confirmedBooking(t, course.id, family)
      const response = await postSigned(t.app, path, inboundFields(family.phone!, 'STOP'))

      expect(replyText(response.text)).to.equal("You won't get any more texts from Family Hubs. Reply START to get them again.")
      expect(await testDatabase().db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, family.phone!))).to.have.length(1)
      const rows = await reminderRows(booking.id)
      expect(rows.filter((r) => r.channel === 'sms').map((r) => r.state)).to.deep.equal(['cancelled', 'cancelled'])
      expect(rows.filter((r) => r.channel === 'email').map((r) => r.state)).to.deep.equal(['scheduled', 'scheduled'])
      const pendingTexts = await testDatabase()
        .db.select()
        .from(notifications)
        .where(and(eq(notifications.recipient, family.phone!), eq(notifications.state, 'scheduled')))
      expect(pendingTexts, 'no text of any kind left to send').to.deep.equal([])

      // Honoured everywhere: a new booking from the number gets no text rows at all.
      const other = await aCourse({ sessions: weekly(inDays(8), 1, '14:00', '16:00') })
      const again = await confirmedBooking(t, other.course.id, { ...aNewFamily(), phone: family.phone, contactBySms: true })
      const newRows = await testDatabase().db.select().from(notifications).where(eq(notifications.bookingId, again.id))
      expect(newRows.filter((r) => r.channel === 'sms')).to.deep.equal([])
    })

    it('opts back in on START, bringing back the reminders still ahead', async () => {
      const { course } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
      const family = aNewFamily({ contactBySms: true })
      const booking = await confirmedBooking(t, course.id, family)
      await postSigned(t.app, path, inboundFields(family.phone!, 'stop'))
      const response = await postSigned(t.app, path, inboundFields(family.phone!, 'START'))
      expect(replyText(response.text)).to.equal("You'll get texts from Family Hubs again. Reply STOP to stop them.")
      expect(await testDatabase().db.select().from(smsOptOuts)).to.deep.equal([])
      expect((await reminderRows(booking.id)).find((r) => r.channel === 'sms')!.state).to.equal('scheduled')
    })
  })

  describe('anything else', () => {
    it("replies with the hub's phone number and records the message", async () => {
      const hub = await aHub({ name: 'Holbrooks Family Hub', phone: '024 7678 8300' })
      const { course } = await aCourse({ hubId: hub.id, sessions: weekly(inDays(7), 1, '14:00', '16:00') })
      const booking = await confirmedBooking(t, course.id)
      const response = await postSigned(t.app, path, inboundFields(booking.contactPhone!, 'Can I bring my mum?'))
      expect(replyText(response.text)).to.equal(
        "Sorry, we can't read replies other than CANCEL, YES or STOP. Please call Holbrooks Family Hub on 024 7678 8300.",
      )
      expect((await bookingRow(booking.id)).status).to.equal('confirmed')
      const [record] = await testDatabase().db.select().from(inboundMessages)
      expect(record).to.include({ body: 'Can I bring my mum?', action: 'replied_with_hub_phone' })
    })

    it('escapes what it echoes into the TwiML', async () => {
      const hub = await aHub({ name: 'Hub <b>&amp;</b>', phone: '024 7678 8300' })
      const { course } = await aCourse({ hubId: hub.id, sessions: weekly(inDays(7), 1, '14:00', '16:00') })
      const booking = await confirmedBooking(t, course.id)
      const response = await postSigned(t.app, path, inboundFields(booking.contactPhone!, 'hello'))
      expect(response.text).to.include('Hub &lt;b&gt;&amp;amp;&lt;/b&gt;')
      expect(replyText(response.text)).to.include('Hub <b>&amp;</b>')
    })
  })
})
