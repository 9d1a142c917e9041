import { expect } from 'chai'
import { eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { notifications, smsOptOuts } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { fitsOneSegment } from '../../../src/services/notifications/gsm7.js'
import { aBooking, aFamily, makeDue, recordEvent, rowById, rowsFor } from './notification-helpers.js'

const BASE_URL = 'https://familyhubs.coventry.example'

describe('Notifications: text messages through the twilio client (fake Twilio API on loopback)', () => {
  const t = useTestApp({
    fakes: { smtp: true, twilio: true },
    env: ({ smtp, twilio }) => ({ ...twilio.env(), SMTP_URL: smtp.url, BASE_URL }),
  })

  async function aTextOnlyBooking(options: { email?: boolean } = {}) {
    const hub = await aHub({ name: 'Moat House Family Hub', phone: '024 7678 6060' })
    const programme = await aProgramme({ title: 'Incredible Years' })
    const { course } = await aCourse({ hubId: hub.id, programmeId: programme.id, sessions: weekly('2027-03-29', 6, '09:30', '11:30') })
    const family = await aFamily({ contactBySms: true, contactByEmail: options.email ?? false })
    return { ...(await aBooking(t, course.id, { familyId: family.id })), family }
  }

  it('texts the confirmation: one GSM-7 segment with the reference and the manage link, and records the SID', async () => {
    const { booking, token, family } = await aTextOnlyBooking()
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()

    expect(t.twilio.messages).to.have.length(1)
    const text = t.twilio.messages[0]!
    expect(text.to).to.equal(family.phone)
    expect(text.from).to.equal(t.twilio.from)
    expect(text.body)
      .to.include(booking.reference)
      .and.include(`${BASE_URL}${paths.manage.show(token)}`)
      .and.include('Mon 29 Mar, 9:30am')
    expect(fitsOneSegment(text.body), text.body).to.equal(true)
    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    expect(text.statusCallback).to.equal(`${BASE_URL}/webhooks/twilio/status?notification=${row!.id}`)
    expect(row).to.include({ channel: 'sms', state: 'sent', providerMessageId: text.sid, providerStatus: 'queued', attempts: 1 })
  })

  it('backs off after a 429 and a 500 and sends the text once Twilio answers', async () => {
    const { booking, family } = await aTextOnlyBooking()
    t.twilio.respondTo(family.phone!, { status: 500 }, 1).respondTo(family.phone!, { status: 429, code: 20429 }, 1)
    await recordEvent(t, 'booking_confirmed', booking.id)

    const before = Date.now()
    await t.services.notificationDelivery.deliverDue()
    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    expect(row).to.include({ state: 'scheduled', attempts: 1 })
    expect(row!.error).to.include('Twilio HTTP 429')
    expect(row!.dueAt.getTime()).to.be.greaterThan(before + 10_000)

    await makeDue(booking.id)
    await t.services.notificationDelivery.deliverDue()
    expect(await rowById(row!.id)).to.include({ state: 'scheduled', attempts: 2 })
    expect((await rowById(row!.id)).error).to.include('Twilio HTTP 500')

    await makeDue(booking.id)
    await t.services.notificationDelivery.deliverDue()
    expect(await rowById(row!.id)).to.include({ state: 'sent', attempts: 3, error: null })
    expect(t.twilio.requests).to.equal(3)
    expect(t.twilio.messages).to.have.length(1)
  })

  it('fails a text to an invalid number (21211) and emails the family instead when they agreed to email', async () => {
    const { booking, family } = await aTextOnlyBooking({ email: true })
    t.twilio.respondTo(family.phone!, { status: 400, code: 21211 })
    // A text-only message (as a reminder text is): no email of it exists yet.
    await testDatabase()
      .db.insert(notifications)
      .values({
        dedupeKey: `booking_confirmed:${booking.id}:0:sms`,
        bookingId: booking.id,
        channel: 'sms',
        kind: 'booking_confirmed',
        recipient: family.phone!,
        payload: { calendarSequence: 0 },
      })

    await t.services.notificationDelivery.deliverDue()

    const rows = await rowsFor(booking.id, 'booking_confirmed')
    expect(rows.map((row) => `${row.channel} ${row.state}`)).to.deep.equal(['sms failed', 'email sent'])
    expect(rows[0]!.error).to.include('21211')
    expect(rows[0]!.error).not.to.include(family.phone!)
    expect(rows[1]!.dedupeKey).to.equal(`booking_confirmed:${booking.id}:0:sms:email-fallback`)
    expect(t.smtp.messagesTo(family.email!)).to.have.length(1)
    expect(t.twilio.messages).to.have.length(0)
  })

  it('sends no second email when the text fails and the family already gets the message by email', async () => {
    const { booking, family } = await aTextOnlyBooking({ email: true })
    t.twilio.respondTo(family.phone!, { status: 400, code: 21211 })
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()

    const rows = await rowsFor(booking.id, 'booking_confirmed')
    expect(rows.map((row) => `${row.channel} ${row.state}`).sort()).to.deep.equal(['email sent', 'sms failed'])
    expect(t.smtp.messagesTo(family.email!)).to.have.length(1)
  })

  it('records an opted-out number (21610) and sends it no more texts', async () => {
    const { booking, family } = await aTextOnlyBooking()
    t.twilio.respondTo(family.phone!, { status: 400, code: 21610 })
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()

    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    expect(row).to.include({ state: 'failed' })
    expect(row!.error).to.include('21610')
    const optOuts = await testDatabase().db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, family.phone!))
    expect(optOuts).to.have.length(1)

    // A text already queued to that number is skipped without asking Twilio.
    await testDatabase()
      .db.insert(notifications)
      .values({
        dedupeKey: `booking_cancelled:${booking.id}:1:sms`,
        bookingId: booking.id,
        channel: 'sms',
        kind: 'booking_cancelled',
        recipient: family.phone!,
        payload: { calendarSequence: 1 },
      })
    await t.services.notificationDelivery.deliverDue()
    const [later] = await rowsFor(booking.id, 'booking_cancelled')
    expect(later).to.include({ state: 'skipped' })
    expect(t.twilio.requests).to.equal(1)
  })

  it('settles a text whose answer was lost by finding it at Twilio, without sending it again', async () => {
    const { booking, family } = await aTextOnlyBooking()
    t.twilio.respondTo(family.phone!, 'drop-answer', 1)
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()
    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    // It may have gone: not resent, left claimed for the stale-claim sweep.
    expect(row).to.include({ state: 'sending', attempts: 1, providerMessageId: null })
    expect(row!.error).to.match(/^Outcome unknown/)

    // Past the claim timeout: the sweep asks Twilio.
    await testDatabase()
      .db.update(notifications)
      .set({ claimedAt: sql`now() - interval '1 hour'` })
      .where(eq(notifications.id, row!.id))
    const run = await t.services.notificationDelivery.deliverDue()

    expect(run.recovered).to.equal(1)
    expect(t.twilio.messages).to.have.length(1)
    expect(t.twilio.requests).to.equal(1)
    expect(await rowById(row!.id)).to.include({ state: 'sent', providerMessageId: t.twilio.messages[0]!.sid })
  })

  it('sends a text whose worker died before it reached Twilio, once, when its claim goes stale', async () => {
    const { booking } = await aTextOnlyBooking()
    await recordEvent(t, 'booking_confirmed', booking.id)
    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    await testDatabase()
      .db.update(notifications)
      .set({ state: 'sending', attempts: 1, claimedAt: sql`now() - interval '1 hour'` })
      .where(eq(notifications.id, row!.id))

    await t.services.notificationDelivery.deliverDue()
    await t.services.notificationDelivery.deliverDue()

    expect(t.twilio.messages).to.have.length(1)
    expect(await rowById(row!.id)).to.include({ state: 'sent', attempts: 2, providerMessageId: t.twilio.messages[0]!.sid })
  })

  it('sends each text once when two deliverers run at the same time', async function () {
    this.timeout(60_000)
    const ids: number[] = []
    for (let i = 0; i < 20; i++) {
      const { booking } = await aTextOnlyBooking()
      await recordEvent(t, 'booking_confirmed', booking.id)
      ids.push(booking.id)
    }
    const other = await buildTestApp({ ...t.twilio.env(), SMTP_URL: t.smtp.url, BASE_URL })

    await Promise.all([t.services.notificationDelivery.deliverDue(), other.services.notificationDelivery.deliverDue()])

    expect(t.twilio.requests).to.equal(20)
    expect(new Set(t.twilio.messages.map((m) => m.to)).size).to.equal(20)
  })

  it('keeps retrying while the Twilio credentials are refused (401), so fixing them sends the text', async () => {
    const wrong = await buildTestApp({ ...t.twilio.env(), TWILIO_AUTH_TOKEN: 'not-the-token', SMTP_URL: t.smtp.url, BASE_URL })
    const { booking } = await aTextOnlyBooking()
    await recordEvent(t, 'booking_confirmed', booking.id)

    await wrong.services.notificationDelivery.deliverDue()
    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    expect(row).to.include({ state: 'scheduled', attempts: 1 })
    expect(row!.error).to.include('Twilio HTTP 401')

    await makeDue(booking.id)
    await t.services.notificationDelivery.deliverDue()
    expect(await rowById(row!.id)).to.include({ state: 'sent' })
  })
})
