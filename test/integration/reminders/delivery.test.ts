import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { bookingRow } from '../../support/booking-helpers.js'
import { families, notifications, sessions } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { manageToken } from '../../../src/services/tokens.js'
import { LONDON } from '../../../src/time.js'
import { REMINDER_MINUTE_TICK } from '../../../jobs/job-names.js'
import { confirmedBooking, makeRemindersDue as makeDue, reminderRows } from './reminder-helpers.js'

const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

describe('Reminders: delivery with no mail server or Twilio (the dev outbox)', () => {
  // A folder of its own, so that only this test's messages are in the outbox.
  const t = useTestApp({ ownDataDir: true, env: { BASE_URL: 'http://localhost:3000' } })

  it('sends due reminders to /dev/outbox: the text with the way out, the email with the manage link', async () => {
    const hub = await aHub({ name: 'Foleshill Family Hub' })
    const programme = await aProgramme({ title: "Understanding your child's behaviour" })
    const { course } = await aCourse({ hubId: hub.id, programmeId: programme.id, sessions: weekly(inDays(7), 1, '10:30', '12:00') })
    const booking = await confirmedBooking(t, course.id)
    // Only the reminders: the confirmation is not what this test is about.
    await testDatabase().db.update(notifications).set({ state: 'cancelled' }).where(eq(notifications.kind, 'booking_confirmed'))
    await makeDue(booking.id)

    await t.services.notificationDelivery.deliverDue()

    expect((await reminderRows(booking.id)).map((r) => `${r.channel} ${r.state}`)).to.deep.equal(['email sent', 'sms sent'])
    const page = await request(t.app).get(paths.devOutbox.index)
    expect(page.status).to.equal(200)
    const $ = cheerio.load(page.text)
    const listed = $('tbody tr')
      .map((_, tr) => ({ type: $(tr).find('.govuk-tag').text().trim(), content: $(tr).find('td:last-child').text().trim() }))
      .get()
    const texts = listed.filter((m) => m.type === 'Text').map((m) => m.content)
    const subjects = listed.filter((m) => m.type === 'Email').map((m) => m.content)
    expect(texts).to.have.length(1)
    expect(texts[0]).to.match(
      /^Reminder: Understanding your child's behaviour, \w{3} \d+ \w{3}, 10:30am, Foleshill Family Hub\. Reply CANCEL if you can't come\.$/,
    )
    expect(subjects).to.have.length(1)
    expect(subjects[0]).to.match(/^Reminder: Understanding your child's behaviour, \w+day \d+ \w+ \d{4} at 10:30am$/)
    const emailFile = (await t.services.devOutbox.list()).find((m) => m.channel === 'email')!
    const row = await bookingRow(booking.id)
    const manageUrl = `http://localhost:3000${paths.manage.show(manageToken(t.config.sessionSecret, row.manageNonce))}`
    expect(emailFile.text).to.include(manageUrl)
    expect(emailFile.html).to.include(`href="${manageUrl}"`)
    expect(emailFile.text).to.include('Please cancel your place now')
  })

  it('skips, without sending, a reminder whose session moved after it was planned', async () => {
    const { course, sessions: rows } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id, { contactBySms: false })
    const moved = new Date(rows[0]!.startsAt.getTime() + 3600_000)
    // Moved behind the planner's back (no recordSessionChange): the check before sending catches it.
    await testDatabase()
      .db.update(sessions)
      .set({ startsAt: moved, endsAt: new Date(moved.getTime() + 3600_000) })
      .where(eq(sessions.id, rows[0]!.id))
    await makeDue(booking.id)
    await t.services.notificationDelivery.deliverDue()
    const [email] = await reminderRows(booking.id)
    expect(email).to.include({ state: 'skipped', error: 'the session moved; its reminders were planned again' })
    expect((await t.services.devOutbox.list()).filter((m) => m.subject.startsWith('Reminder'))).to.deep.equal([])
  })

  it('skips a reminder on a channel the family has since said no to', async () => {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id)
    await testDatabase().db.update(families).set({ contactBySms: false }).where(eq(families.id, booking.familyId))
    await makeDue(booking.id)
    await t.services.notificationDelivery.deliverDue()
    const rows = await reminderRows(booking.id)
    expect(rows.find((r) => r.channel === 'sms')).to.include({ state: 'skipped', error: 'the family no longer agrees to texts' })
    expect(rows.find((r) => r.channel === 'email')!.state).to.equal('sent')
  })

  it('emails a text reminder that could not be delivered, with the same reminder template', async () => {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id)
    const sms = (await reminderRows(booking.id)).find((r) => r.channel === 'sms')!
    await testDatabase()
      .db.insert(notifications)
      .values({
        dedupeKey: `${sms.dedupeKey}:email-fallback`,
        bookingId: booking.id,
        sessionId: sms.sessionId,
        channel: 'email',
        kind: sms.kind,
        recipient: booking.contactEmail!,
        payload: sms.payload,
      })
    await t.services.notificationDelivery.deliverDue()
    const email = (await t.services.devOutbox.list()).find((m) => m.channel === 'email' && m.subject.startsWith('Reminder:'))
    expect(email, 'the fallback email').not.to.equal(undefined)
    expect(email!.text).to.include('IF YOU CANNOT COME')
  })

  it('runs a delivery on every minute, London time, so a reminder goes in the minute it is due', async () => {
    const { jobs } = await t.agenda.queryJobs({ name: REMINDER_MINUTE_TICK })
    expect(jobs).to.have.length(1)
    expect(jobs[0]!.repeatInterval).to.equal('* * * * *')
    const next = new Date(jobs[0]!.nextRunAt!)
    expect(next.getUTCSeconds()).to.equal(0)
    expect(next.getTime() - Date.now()).to.be.at.most(60_000)
  })
})
