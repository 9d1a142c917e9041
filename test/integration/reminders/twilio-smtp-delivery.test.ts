import { expect } from 'chai'
import { and, eq, sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { bookingRow } from '../../support/booking-helpers.js'
import { notifications } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { fitsOneSegment } from '../../../src/services/notifications/gsm7.js'
import { manageToken } from '../../../src/services/tokens.js'
import { LONDON } from '../../../src/time.js'
import { confirmedBooking, makeRemindersDue as makeDue, reminderRows } from './reminder-helpers.js'

const BASE_URL = 'https://familyhubs.coventry.example'
const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

describe('Reminders: sent through SMTP and the twilio client (fake servers on loopback)', () => {
  const t = useTestApp({
    fakes: { smtp: true, twilio: true },
    env: ({ smtp, twilio }) => ({ ...twilio.env(), SMTP_URL: smtp.url, BASE_URL }),
  })

  async function aBookingWithReminders(family: { contactByEmail?: boolean } = {}) {
    const hub = await aHub({ name: 'Families for All Family Hub', phone: '024 7678 8500' })
    const programme = await aProgramme({ title: 'Incredible Years: Parenting Babies and Toddlers' })
    const { course } = await aCourse({ hubId: hub.id, programmeId: programme.id, sessions: weekly(inDays(7), 1, '10:30', '12:00') })
    const booking = await confirmedBooking(t, course.id, family)
    // Only the reminders here: the confirmation has its own tests.
    await testDatabase().db.update(notifications).set({ state: 'cancelled' }).where(eq(notifications.kind, 'booking_confirmed'))
    return booking
  }

  it('texts a reminder in one GSM-7 segment with the way out, records the SID, and emails one with the manage link', async () => {
    const booking = await aBookingWithReminders()
    await makeDue(booking.id)
    await t.services.notificationDelivery.deliverDue()

    expect(t.twilio.messages).to.have.length(1)
    const text = t.twilio.messages[0]!
    expect(text.to).to.equal(booking.contactPhone)
    expect(text.body).to.match(
      /^Reminder: Incredible Years: Parenting Babies and Toddlers, \w{3} \d+ \w{3}, 10:30am, Families for All Family Hub\. Reply CANCEL if you can't come\.$/,
    )
    expect(fitsOneSegment(text.body)).to.equal(true)
    const rows = await reminderRows(booking.id)
    const sms = rows.find((r) => r.channel === 'sms')!
    expect(sms).to.include({ state: 'sent', providerMessageId: text.sid })
    expect(text.statusCallback).to.equal(`${BASE_URL}${paths.webhooks.twilioStatus}?notification=${sms.id}`)

    expect(t.smtp.messages).to.have.length(1)
    const email = t.smtp.messages[0]!
    const manageUrl = `${BASE_URL}${paths.manage.show(manageToken(t.config.sessionSecret, (await bookingRow(booking.id)).manageNonce))}`
    expect(email.subject).to.match(/^Reminder: Incredible Years: Parenting Babies and Toddlers, \w+day \d+ \w+ \d{4} at 10:30am$/)
    expect(email.text).to.include(manageUrl)
    expect(email.html).to.include(`href="${manageUrl}"`)
    expect(email.calendar, 'a reminder re-sends no invite').to.equal(undefined)
    expect(rows.find((r) => r.channel === 'email')!.state).to.equal('sent')
  })

  it('retries a reminder text after a 429 and a 500 with back-off, and sends it once', async () => {
    const booking = await aBookingWithReminders({ contactByEmail: false })
    t.twilio.respondTo('*', { status: 429, code: 20429 }, 1).respondTo('*', { status: 500 }, 1)
    for (let run = 0; run < 3; run++) {
      await makeDue(booking.id)
      await t.services.notificationDelivery.deliverDue()
    }
    expect(t.twilio.requests).to.equal(3)
    expect(t.twilio.messages).to.have.length(1)
    const [sms] = await reminderRows(booking.id)
    expect(sms).to.include({ state: 'sent', attempts: 3 })
  })

  it('records a permanent failure (invalid number, 21211) for staff and emails the reminder instead', async () => {
    const booking = await aBookingWithReminders({ contactByEmail: true })
    t.twilio.respondTo(booking.contactPhone!, { status: 400, code: 21211 })
    await makeDue(booking.id)
    // Only the text is due: the email reminder is two days before.
    await testDatabase()
      .db.update(notifications)
      .set({ dueAt: sql`now() + interval '1 day'` })
      .where(and(eq(notifications.bookingId, booking.id), eq(notifications.channel, 'email')))
    await t.services.notificationDelivery.deliverDue()

    const sms = (await reminderRows(booking.id)).find((r) => r.channel === 'sms')!
    expect(sms.state).to.equal('failed')
    expect(sms.error).to.match(/21211/)
    expect(t.smtp.messages).to.have.length(1)
    expect(t.smtp.messages[0]!.subject).to.match(/^Reminder: /)
    expect(t.smtp.messages[0]!.text).to.include('IF YOU CANNOT COME')
  })
})
