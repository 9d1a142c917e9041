import { expect } from 'chai'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme, weekly } from '../../support/builders.js'
import { aBookingRequest, aNewFamily } from '../../support/booking-helpers.js'
import { families, notifications, smsOptOuts } from '../../../src/db/schema/index.js'
import { LONDON } from '../../../src/time.js'
import { planReminders } from '../../../src/services/reminders/policy.js'
import { defaultRules } from '../../../src/services/reminders/settings.js'
import { cancelSession, confirmedBooking, describeRows, moveSession, reminderRows } from './reminder-helpers.js'

const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

describe('Reminders: scheduling', () => {
  const t = useTestApp()

  it('plans an email and a text for every session of a confirmed course booking, one row each, at the policy times', async () => {
    const { course, sessions } = await aCourse({ sessions: weekly(inDays(7), 3, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id)
    const rows = await reminderRows(booking.id)
    expect(rows).to.have.length(6)
    for (const session of sessions) {
      const email = rows.find((r) => r.sessionId === session.id && r.channel === 'email')!
      const sms = rows.find((r) => r.sessionId === session.id && r.channel === 'sms')!
      expect(email.dedupeKey).to.equal(`reminder:reminder_email_48h:${booking.id}:${session.id}:email`)
      expect(sms.dedupeKey).to.equal(`reminder:reminder_sms_3h:${booking.id}:${session.id}:sms`)
      expect([email.state, sms.state]).to.deep.equal(['scheduled', 'scheduled'])
      const plan = planReminders({
        sessionStartsAt: session.startsAt,
        now: new Date(),
        channels: { email: true, sms: true },
        rules: defaultRules(t.config.reminders),
      })
      expect(email.dueAt.toISOString()).to.equal(plan.find((p) => p.channel === 'email')!.dueAt.toISOString())
      expect(sms.dueAt.toISOString()).to.equal(plan.find((p) => p.channel === 'sms')!.dueAt.toISOString())
      expect(email.recipient).to.equal(booking.contactEmail)
      expect(sms.recipient).to.equal(booking.contactPhone)
    }
  })

  it('plans only the channels the family agreed to', async () => {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
    const emailOnly = await confirmedBooking(t, course.id, { contactBySms: false })
    const textOnly = await confirmedBooking(t, course.id, { contactByEmail: false })
    expect((await reminderRows(emailOnly.id)).map((r) => r.channel)).to.deep.equal(['email'])
    expect((await reminderRows(textOnly.id)).map((r) => r.channel)).to.deep.equal(['sms'])
  })

  it('creates no text rows for a number that replied STOP', async () => {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
    const family = aNewFamily({ contactByEmail: true, contactBySms: true })
    await testDatabase().db.insert(smsOptOuts).values({ phone: family.phone! })
    const result = await t.services.booking.book(aBookingRequest(course.id, { family }))
    if (result.outcome !== 'confirmed') throw new Error(result.outcome)
    const all = await testDatabase().db.select().from(notifications).where(eq(notifications.bookingId, result.booking.id))
    expect(all.filter((r) => r.channel === 'sms')).to.deep.equal([])
    expect((await reminderRows(result.booking.id)).map((r) => r.channel)).to.deep.equal(['email'])
  })

  it('records a "2 days before" email as skipped for a booking made the day before, and still plans the text', async () => {
    const { course } = await aCourse({ sessions: [{ date: inDays(1), start: '23:30', end: '23:45' }] })
    const booking = await confirmedBooking(t, course.id)
    const rows = await reminderRows(booking.id)
    const email = rows.find((r) => r.channel === 'email')!
    expect(email.state).to.equal('skipped')
    expect(email.payload).to.include({ skipReason: 'too_late' })
    expect(rows.find((r) => r.channel === 'sms')!.state).to.equal('scheduled')
  })

  it("uses the programme's own reminder settings", async () => {
    const programme = await aProgramme({ reminderSettings: { email: [72, 24], sms: [] } })
    const { course } = await aCourse({ programmeId: programme.id, sessions: weekly(inDays(7), 1, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id)
    expect((await reminderRows(booking.id)).map((r) => r.kind)).to.deep.equal(['reminder_email_72h', 'reminder_email_24h'])
  })

  it('plans reminders when a waiting-list offer is accepted', async () => {
    const { course } = await aCourse({ capacity: 1, sessions: weekly(inDays(7), 2, '14:00', '16:00') })
    const first = await confirmedBooking(t, course.id)
    const waiting = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family: aNewFamily({ contactBySms: true }) }))
    if (waiting.outcome !== 'waiting') throw new Error(waiting.outcome)
    expect(await reminderRows(waiting.booking.id), 'none while waiting').to.deep.equal([])
    await t.services.booking.cancel(first.id)
    expect(await reminderRows(waiting.booking.id), 'none while offered').to.deep.equal([])
    expect((await t.services.booking.acceptOffer(waiting.booking.id)).outcome).to.equal('confirmed')
    expect(await reminderRows(waiting.booking.id)).to.have.length(4)
  })

  it('cancels the pending reminders of a cancelled booking, and leaves those already sent as they were', async () => {
    const { course, sessions } = await aCourse({ sessions: weekly(inDays(7), 2, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id)
    const [sent] = await reminderRows(booking.id)
    await testDatabase().db.update(notifications).set({ state: 'sent', sentAt: new Date() }).where(eq(notifications.id, sent!.id))
    await t.services.booking.cancel(booking.id, { reason: 'Moving away' })
    const rows = await reminderRows(booking.id)
    expect(rows.find((r) => r.id === sent!.id)!.state).to.equal('sent')
    expect(rows.filter((r) => r.id !== sent!.id).map((r) => r.state)).to.deep.equal(['cancelled', 'cancelled', 'cancelled'])
    expect(sessions).to.have.length(2)
  })

  it('plans a booking once however often it is confirmed (one row per booking, session, channel and kind)', async () => {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 2, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id)
    await testDatabase().db.transaction(async (tx) => {
      await t.services.reminders.scheduleForBooking(tx, booking.id)
      await t.services.reminders.scheduleForBooking(tx, booking.id)
    })
    expect(await reminderRows(booking.id)).to.have.length(4)
  })

  it("follows a change to the family's consent or address (refreshFamily, for the staff edit)", async () => {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
    const booking = await confirmedBooking(t, course.id)
    const refresh = () => testDatabase().db.transaction((tx) => t.services.reminders.refreshFamily(tx, booking.familyId))
    await testDatabase()
      .db.update(families)
      .set({ contactBySms: false, email: 'new-address@example.com' })
      .where(eq(families.id, booking.familyId))
    await refresh()
    let rows = await reminderRows(booking.id)
    expect(rows.map((r) => `${r.channel} ${r.state} ${r.recipient}`)).to.deep.equal([
      `email scheduled new-address@example.com`,
      `sms cancelled ${booking.contactPhone}`,
    ])
    await testDatabase().db.update(families).set({ contactBySms: true }).where(eq(families.id, booking.familyId))
    await refresh()
    rows = await reminderRows(booking.id)
    expect(rows.map((r) => `${r.channel} ${r.state}`)).to.deep.equal(['email scheduled', 'sms scheduled'])
  })

  describe('a session that changes', () => {
    it("moves every booked family's reminders with a moved session, keeping those of the old time that were sent", async () => {
      const { course, sessions } = await aCourse({ sessions: weekly(inDays(7), 2, '14:00', '16:00') })
      const a = await confirmedBooking(t, course.id)
      const b = await confirmedBooking(t, course.id, { contactBySms: false })
      const moved = sessions[0]!
      const [sentEmail] = (await reminderRows(a.id)).filter((r) => r.sessionId === moved.id && r.channel === 'email')
      await testDatabase().db.update(notifications).set({ state: 'sent', sentAt: new Date() }).where(eq(notifications.id, sentEmail!.id))

      const newStart = DateTime.fromJSDate(moved.startsAt).setZone(LONDON).plus({ days: 2 }).set({ hour: 18 }).toJSDate()
      await moveSession(t, moved.id, newStart, new Date(newStart.getTime() + 2 * 3600_000))

      const rowsA = (await reminderRows(a.id)).filter((r) => r.sessionId === moved.id)
      expect(describeRows(rowsA)).to.deep.equal([
        `reminder_email_48h ${moved.id} sent`,
        `reminder_sms_3h ${moved.id} cancelled`,
        `reminder_email_48h ${moved.id} scheduled`,
        `reminder_sms_3h ${moved.id} scheduled`,
      ])
      const plan = planReminders({
        sessionStartsAt: newStart,
        now: new Date(),
        channels: { email: true, sms: true },
        rules: defaultRules(t.config.reminders),
      })
      expect(rowsA[2]!.dueAt.toISOString()).to.equal(plan[0]!.dueAt.toISOString())
      expect(rowsA[3]!.dueAt.toISOString()).to.equal(plan[1]!.dueAt.toISOString())
      expect(rowsA[2]!.dedupeKey).to.equal(`reminder:reminder_email_48h:${a.id}:${moved.id}:email:v1`)
      const rowsB = (await reminderRows(b.id)).filter((r) => r.sessionId === moved.id)
      expect(describeRows(rowsB)).to.deep.equal([`reminder_email_48h ${moved.id} cancelled`, `reminder_email_48h ${moved.id} scheduled`])
      // The other session is untouched.
      expect((await reminderRows(a.id)).filter((r) => r.sessionId === sessions[1]!.id).map((r) => r.state)).to.deep.equal([
        'scheduled',
        'scheduled',
      ])
    })

    it('moves pending reminders in place when the change comes without a new sequence', async () => {
      const { course, sessions } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
      const booking = await confirmedBooking(t, course.id)
      const newStart = new Date(sessions[0]!.startsAt.getTime() + 24 * 3600_000)
      await moveSession(t, sessions[0]!.id, newStart, new Date(newStart.getTime() + 3600_000), { bumpSequence: false })
      const rows = await reminderRows(booking.id)
      expect(rows.map((r) => r.state)).to.deep.equal(['scheduled', 'scheduled'])
      expect(rows[1]!.dueAt.toISOString()).to.equal(new Date(newStart.getTime() - 3 * 3600_000).toISOString())
    })

    it('skips, rather than sends late, a reminder whose new time has already passed', async () => {
      const { course, sessions } = await aCourse({ sessions: weekly(inDays(7), 1, '14:00', '16:00') })
      const booking = await confirmedBooking(t, course.id)
      const soon = DateTime.now().setZone(LONDON).plus({ days: 1 }).set({ hour: 23, minute: 0 }).toJSDate()
      await moveSession(t, sessions[0]!.id, soon, new Date(soon.getTime() + 1800_000))
      const latest = (await reminderRows(booking.id)).filter((r) => r.dedupeKey.endsWith(':v1'))
      expect(latest.find((r) => r.channel === 'email')!.state).to.equal('skipped')
    })

    it("follows a session moved and then cancelled through the staff service (the staff journey's own code)", async () => {
      const admin = { id: 1, name: 'Hub Manager', email: 'manager@example.org', role: 'admin' as const, hubIds: [] }
      const { course, sessions } = await aCourse({ sessions: weekly(inDays(7), 2, '14:00', '16:00') })
      const booking = await confirmedBooking(t, course.id)
      const moved = await t.services.staff.catalogue.moveSession(admin, sessions[0]!.id, {
        date: inDays(9),
        startTime: '16:00',
        endTime: '17:00',
        room: null,
      })
      expect(moved).to.deep.equal({ ok: true })
      const current = (await reminderRows(booking.id)).filter((r) => r.sessionId === sessions[0]!.id && r.state === 'scheduled')
      expect(current.map((r) => r.dedupeKey.endsWith(':v1'))).to.deep.equal([true, true])
      const sms = current.find((r) => r.channel === 'sms')!
      expect(DateTime.fromJSDate(sms.dueAt).setZone(LONDON).toFormat('yyyy-MM-dd HH:mm')).to.equal(`${inDays(9)} 13:00`)
      expect(await t.services.staff.catalogue.cancelSession(admin, sessions[0]!.id)).to.deep.equal({ ok: true })
      expect((await reminderRows(booking.id)).filter((r) => r.sessionId === sessions[0]!.id && r.state === 'scheduled')).to.deep.equal([])
    })

    it('cancels the reminders of a cancelled session', async () => {
      const { course, sessions } = await aCourse({ sessions: weekly(inDays(7), 2, '14:00', '16:00') })
      const booking = await confirmedBooking(t, course.id)
      await cancelSession(t, sessions[0]!.id)
      const rows = await reminderRows(booking.id)
      expect(rows.filter((r) => r.sessionId === sessions[0]!.id).map((r) => r.state)).to.deep.equal(['cancelled', 'cancelled'])
      expect(rows.filter((r) => r.sessionId === sessions[1]!.id).map((r) => r.state)).to.deep.equal(['scheduled', 'scheduled'])
    })
  })
})
