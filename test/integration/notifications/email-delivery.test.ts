import { expect } from 'chai'
import { eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { bookings, notifications, sessions } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { londonTime } from '../../../src/time.js'
import { OutboxNotifier } from '../../../src/services/notifications/outbox-notifier.js'
import { BookingMessages } from '../../../src/data/notifications/booking-messages.js'
import { aBooking, makeDue, readInvite, recordEvent, rowById, rowsFor } from './notification-helpers.js'

const BASE_URL = 'https://familyhubs.coventry.example'

describe('Notifications: emails over SMTP with calendar invites', () => {
  const t = useTestApp({
    fakes: { smtp: true },
    env: ({ smtp }) => ({ SMTP_URL: smtp.url, BASE_URL, MAIL_FROM: 'Family Hubs Coventry <bookings@familyhubs.coventry.example>' }),
  })

  /** A two-session course either side of the clocks going forward (Sunday 28 March 2027). */
  async function aCourseOverTheClockChange() {
    const hub = await aHub({
      name: 'Foleshill Family Hub',
      addressLines: ['Livingstone Road', 'Coventry'],
      postcode: 'CV6 5AY',
      phone: '024 7678 5000',
      email: 'foleshill@familyhubs.coventry.example',
    })
    const programme = await aProgramme({ title: "Understanding your child's behaviour" })
    return aCourse({ hubId: hub.id, programmeId: programme.id, sessions: weekly('2027-03-22', 2, '10:00', '12:00') })
  }

  const manageUrl = (token: string) => `${BASE_URL}${paths.manage.show(token)}`

  it('emails the booking confirmation with an HTML part, a text part, the reference and the manage link', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking, token } = await aBooking(t, course.id)
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()

    expect(t.smtp.messages).to.have.length(1)
    const email = t.smtp.messages[0]!
    expect(email.envelope.to).to.deep.equal([booking.contactEmail])
    expect(email.envelope.from).to.equal('bookings@familyhubs.coventry.example')
    expect(email.subject).to.equal("Booking confirmed: Understanding your child's behaviour, Monday 22 March 2027")
    expect(email.text).to.include(booking.reference).and.include(manageUrl(token))
    expect(email.text).to.include('Monday 22 March 2027, 10am to 12pm').and.include('Monday 29 March 2027, 10am to 12pm')
    expect(email.text).to.include('Foleshill Family Hub').and.include('CV6 5AY').and.include('024 7678 5000')
    expect(email.html)
      .to.include(`href="${manageUrl(token)}"`)
      .and.include(booking.reference)
    expect(email.html).to.include('Understanding your child&#39;s behaviour')

    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    expect(row).to.include({ state: 'sent', attempts: 1, providerMessageId: email.messageId, error: null })
    expect(row!.sentAt).to.be.an.instanceOf(Date)
  })

  it('attaches an invite: one event per session, stable UIDs, METHOD:REQUEST, Europe/London times across the clock change', async () => {
    const {
      course,
      sessions: [first, second],
    } = await aCourseOverTheClockChange()
    const { booking, token } = await aBooking(t, course.id)
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()

    const calendar = t.smtp.messages[0]!.calendar!
    expect(calendar.method).to.equal('REQUEST')
    const invite = readInvite(calendar.content)
    expect(invite.method).to.equal('REQUEST')
    expect(invite.events.map((e) => e.uid)).to.deep.equal([
      `booking-${booking.id}-session-${first!.id}@familyhubs.coventry.example`,
      `booking-${booking.id}-session-${second!.id}@familyhubs.coventry.example`,
    ])
    expect(invite.events.map((e) => e.sequence)).to.deep.equal([0, 0])
    expect(invite.events.map((e) => e.tzid)).to.deep.equal(['Europe/London', 'Europe/London'])
    // 10am GMT, then 10am BST the day after the clocks went forward.
    expect(invite.events[0]!.start.toISOString()).to.equal('2027-03-22T10:00:00.000Z')
    expect(invite.events[1]!.start.toISOString()).to.equal('2027-03-29T09:00:00.000Z')
    expect(invite.events[1]!.end.toISOString()).to.equal('2027-03-29T11:00:00.000Z')
    expect(invite.events[0]!.location).to.equal('Foleshill Family Hub, Livingstone Road, Coventry, CV6 5AY')
    expect(invite.events[0]!.description).to.include(manageUrl(token)).and.include(booking.reference)
    expect(invite.events[0]!.organizer).to.deep.equal({
      address: 'mailto:foleshill@familyhubs.coventry.example',
      name: 'Foleshill Family Hub',
    })
  })

  it('sends a cancellation with METHOD:CANCEL for the same UIDs and a higher SEQUENCE', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    await recordEvent(t, 'booking_confirmed', booking.id)
    await t.services.notificationDelivery.deliverDue()
    // What the booking service does on cancelling: status, calendar_sequence up, then the event.
    await testDatabase().db.transaction(async (tx) => {
      await tx
        .update(bookings)
        .set({ status: 'cancelled', endedAt: new Date(), calendarSequence: sql`${bookings.calendarSequence} + 1` })
        .where(eq(bookings.id, booking.id))
      await t.services.notifier.record(tx, 'booking_cancelled', booking.id)
    })

    await t.services.notificationDelivery.deliverDue()

    expect(t.smtp.messages).to.have.length(2)
    const confirmed = readInvite(t.smtp.messages[0]!.calendar!.content)
    const cancelled = readInvite(t.smtp.messages[1]!.calendar!.content)
    expect(t.smtp.messages[1]!.subject).to.equal("Booking cancelled: Understanding your child's behaviour")
    expect(t.smtp.messages[1]!.calendar!.method).to.equal('CANCEL')
    expect(cancelled.method).to.equal('CANCEL')
    expect(cancelled.events.map((e) => e.uid)).to.deep.equal(confirmed.events.map((e) => e.uid))
    for (const [i, event] of cancelled.events.entries()) {
      expect(event.sequence).to.be.greaterThan(confirmed.events[i]!.sequence)
      expect(event.status).to.equal('CANCELLED')
    }
  })

  it('updates a moved session in the calendar: same UID, SEQUENCE up, METHOD:REQUEST, the new time', async () => {
    const {
      course,
      sessions: [first],
    } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    await recordEvent(t, 'booking_confirmed', booking.id)
    await t.services.notificationDelivery.deliverDue()
    const newStart = londonTime('2027-03-23', '13:30')
    await testDatabase().db.transaction(async (tx) => {
      await tx
        .update(sessions)
        .set({ startsAt: newStart, endsAt: londonTime('2027-03-23', '15:30'), sequence: sql`${sessions.sequence} + 1` })
        .where(eq(sessions.id, first!.id))
      await t.services.notifier.recordSessionChange(tx, 'session_moved', first!.id)
    })

    await t.services.notificationDelivery.deliverDue()

    const email = t.smtp.messages[1]!
    expect(email.subject).to.equal("Change to your session: Understanding your child's behaviour")
    expect(email.text).to.include('NEW TIME\n\nTuesday 23 March 2027, 1:30pm to 3:30pm')
    const invite = readInvite(email.calendar!.content)
    expect(invite.method).to.equal('REQUEST')
    expect(invite.events).to.have.length(1)
    expect(invite.events[0]).to.include({ uid: `booking-${booking.id}-session-${first!.id}@familyhubs.coventry.example`, sequence: 1 })
    expect(invite.events[0]!.start.toISOString()).to.equal(newStart.toISOString())
  })

  it('says when a moved session used to be, when the change is recorded with it', async () => {
    const {
      course,
      sessions: [first],
    } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    await testDatabase().db.transaction(async (tx) => {
      await tx
        .update(sessions)
        .set({ startsAt: londonTime('2027-03-23', '13:30'), endsAt: londonTime('2027-03-23', '15:30'), sequence: 1 })
        .where(eq(sessions.id, first!.id))
      // The outbox notifier itself: services.notifier's reminder wrapper does not pass the details on (yet).
      await new OutboxNotifier(new BookingMessages()).recordSessionChange(tx, 'session_moved', first!.id, {
        previousStartsAt: first!.startsAt,
      })
    })

    await t.services.notificationDelivery.deliverDue()

    expect(t.smtp.messagesTo(booking.contactEmail!)[0]!.text).to.include('The session that was on Monday 22 March 2027 at 10am has moved.')
  })

  it('keeps the message scheduled with a back-off while the mail server is down, then delivers it once it is back', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    await t.smtp.stop()
    await recordEvent(t, 'booking_confirmed', booking.id)

    const before = Date.now()
    await t.services.notificationDelivery.deliverDue()

    const [waiting] = await rowsFor(booking.id, 'booking_confirmed')
    expect(waiting).to.include({ state: 'scheduled', attempts: 1, sentAt: null })
    expect(waiting!.dueAt.getTime()).to.be.greaterThan(before + 10_000)
    expect(waiting!.error).to.match(/ECONNREFUSED|ESOCKET|ECONNECTION/)
    // The booking itself is untouched.
    const [stored] = await testDatabase().db.select().from(bookings).where(eq(bookings.id, booking.id))
    expect(stored!.status).to.equal('confirmed')

    // Not due yet: another run leaves it alone.
    await t.services.notificationDelivery.deliverDue()
    expect((await rowById(waiting!.id)).attempts).to.equal(1)

    await t.smtp.restart()
    await makeDue(booking.id)
    await t.services.notificationDelivery.deliverDue()

    expect(t.smtp.messages).to.have.length(1)
    expect(await rowById(waiting!.id)).to.include({ state: 'sent', attempts: 2, error: null })
  })

  it('retries after a 421 from the server, and gives up as failed after the last attempt', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    t.smtp.failAll({ at: 'connect', code: 421, message: 'Too busy, try later' })
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()
    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    expect(row).to.include({ state: 'scheduled', attempts: 1 })
    expect(row!.error).to.include('421')

    await testDatabase().db.update(notifications).set({ attempts: 7 }).where(eq(notifications.id, row!.id))
    await makeDue(booking.id)
    await t.services.notificationDelivery.deliverDue()
    const last = await rowById(row!.id)
    expect(last).to.include({ state: 'failed', attempts: 8 })
    expect(last.error).to.match(/^Gave up after 8 attempts: SMTP 421/)
    expect(t.smtp.messages).to.have.length(0)
  })

  it('marks the message failed, without retrying, when the server refuses the recipient for good (550)', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    t.smtp.failFor(booking.contactEmail!, {
      at: 'rcpt',
      code: 550,
      message: `<${booking.contactEmail}>: Recipient address rejected: User unknown`,
    })
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()

    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    expect(row).to.include({ state: 'failed', attempts: 1, sentAt: null, providerMessageId: null })
    expect(row!.error).to.include('SMTP 550').and.include('User unknown')
    // Stored errors never quote the recipient.
    expect(row!.error).not.to.include(booking.contactEmail!)
    expect(t.smtp.messages).to.have.length(0)
  })

  it('marks the message failed when the server refuses the message itself at the final dot (554)', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    t.smtp.failAll({ at: 'data', code: 554, message: 'Message rejected as spam' })
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()

    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    expect(row).to.include({ state: 'failed', sentAt: null, providerMessageId: null })
    expect(row!.error).to.include('SMTP 554')
  })

  it('sends each message once when the delivery job runs twice', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    await recordEvent(t, 'booking_confirmed', booking.id)
    // The same event recorded again (a retried transaction) makes no second row.
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()
    await t.services.notificationDelivery.deliverDue()

    expect(t.smtp.messages).to.have.length(1)
    expect(await rowsFor(booking.id, 'booking_confirmed')).to.have.length(1)
  })

  it('sends each message once when two deliverers run at the same time', async function () {
    this.timeout(60_000)
    const { course } = await aCourseOverTheClockChange()
    const ids: number[] = []
    for (let i = 0; i < 30; i++) {
      const { booking } = await aBooking(t, course.id, { status: 'waiting' })
      await recordEvent(t, 'waitlist_joined', booking.id)
      ids.push(booking.id)
    }
    const other = await buildTestApp({ SMTP_URL: t.smtp.url, BASE_URL })

    await Promise.all([t.services.notificationDelivery.deliverDue(), other.services.notificationDelivery.deliverDue()])

    expect(t.smtp.messages).to.have.length(30)
    expect([...t.smtp.countByMessageId().values()].every((count) => count === 1)).to.equal(true)
    const rows = await testDatabase().db.select().from(notifications).where(eq(notifications.kind, 'waitlist_joined'))
    expect(rows.map((row) => `${row.state} ${row.attempts}`)).to.deep.equal(rows.map(() => 'sent 1'))
  })

  it('sends again, once, an email whose worker died before handing it over (a stale claim)', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    await recordEvent(t, 'booking_confirmed', booking.id)
    const [row] = await rowsFor(booking.id, 'booking_confirmed')
    // A worker claimed it long ago and never came back.
    await testDatabase()
      .db.update(notifications)
      .set({ state: 'sending', attempts: 1, claimedAt: sql`now() - interval '1 hour'` })
      .where(eq(notifications.id, row!.id))

    const run = await t.services.notificationDelivery.deliverDue()

    expect(run.recovered).to.equal(1)
    expect(t.smtp.messages).to.have.length(1)
    expect(await rowById(row!.id)).to.include({ state: 'sent', attempts: 2 })
  })

  it('does not send when its claim was taken over before the hand-over', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id)
    await recordEvent(t, 'booking_confirmed', booking.id)
    const [claimed] = await t.services.notificationDelivery['notifications'].claimDue(10)
    // Another worker settled and claimed it again meanwhile (attempts is the claim's fence).
    await testDatabase()
      .db.update(notifications)
      .set({ attempts: sql`${notifications.attempts} + 1` })
      .where(eq(notifications.id, claimed!.id))

    const outcome = await t.services.notificationDelivery.deliverClaimed(claimed!)

    expect(outcome).to.equal('lost_claim')
    expect(t.smtp.messages).to.have.length(0)
    expect(await rowById(claimed!.id)).to.include({ state: 'sending', attempts: 2 })
  })

  it('offers a waiting-list place with the accept link and when the offer ends', async () => {
    const { course } = await aCourseOverTheClockChange()
    const offerExpiresAt = londonTime('2027-03-20', '14:00')
    const { booking, token } = await aBooking(t, course.id, { status: 'offered', offerExpiresAt })
    await recordEvent(t, 'place_offered', booking.id)

    await t.services.notificationDelivery.deliverDue()

    const email = t.smtp.messages[0]!
    expect(email.subject).to.equal("A place is free for you: Understanding your child's behaviour - reply by 2pm Sat 20 Mar")
    expect(email.text).to.include('until 2pm on Saturday 20 March 2027').and.include(manageUrl(token))
    expect(email.html)
      .to.include(`href="${manageUrl(token)}"`)
      .and.include('Accept the place')
    expect(email.calendar).to.equal(undefined)
  })

  it('skips an offer email when the offer closed before it could be sent', async () => {
    const { course } = await aCourseOverTheClockChange()
    const { booking } = await aBooking(t, course.id, { status: 'offered', offerExpiresAt: londonTime('2027-03-20', '14:00') })
    await recordEvent(t, 'place_offered', booking.id)
    await testDatabase().db.update(bookings).set({ status: 'expired' }).where(eq(bookings.id, booking.id))

    await t.services.notificationDelivery.deliverDue()

    expect(t.smtp.messages).to.have.length(0)
    const [row] = await rowsFor(booking.id, 'place_offered')
    expect(row).to.include({ state: 'skipped' })
    expect(row!.error).to.include('no longer open')
  })

  it('tells a waiting family their place in the queue, and a cancelled session reaches the waiting list without an invite', async () => {
    const {
      course,
      sessions: [first],
    } = await aCourseOverTheClockChange()
    await aBooking(t, course.id, { status: 'waiting' })
    const { booking } = await aBooking(t, course.id, { status: 'waiting' })
    await recordEvent(t, 'waitlist_joined', booking.id)
    await testDatabase().db.transaction(async (tx) => {
      await tx
        .update(sessions)
        .set({ cancelledAt: new Date(), sequence: sql`${sessions.sequence} + 1` })
        .where(eq(sessions.id, first!.id))
      await t.services.notifier.recordSessionChange(tx, 'session_cancelled', first!.id)
    })

    await t.services.notificationDelivery.deliverDue()

    // Sent in parallel: in either order.
    const mine = t.smtp.messagesTo(booking.contactEmail!).sort((a, b) => b.subject.localeCompare(a.subject))
    expect(mine.map((m) => m.subject)).to.deep.equal([
      "You're on the waiting list: Understanding your child's behaviour",
      "Session cancelled: Understanding your child's behaviour, Monday 22 March 2027",
    ])
    expect(mine[0]!.text).to.include('You are number 2 on the waiting list.')
    expect(mine[1]!.text).to.include("You're still on the waiting list for the rest of the course.")
    expect(mine[1]!.calendar).to.equal(undefined)
  })

  it('renders every booking message as an email with a text and an HTML part', async () => {
    const {
      course,
      sessions: [first],
    } = await aCourseOverTheClockChange()
    const kinds = ['booking_confirmed', 'waitlist_joined', 'place_offered', 'offer_expired', 'booking_cancelled', 'waitlist_left'] as const
    for (const kind of kinds) {
      const { booking } = await aBooking(t, course.id, {
        status: kind === 'place_offered' ? 'offered' : 'confirmed',
        offerExpiresAt: londonTime('2027-03-20', '14:00'),
      })
      await recordEvent(t, kind, booking.id)
    }
    await testDatabase().db.transaction((tx) => t.services.notifier.recordSessionChange(tx, 'session_moved', first!.id))

    await t.services.notificationDelivery.deliverDue()

    const rows = await testDatabase()
      .db.select()
      .from(notifications)
      .where(sql`${notifications.kind} not like 'reminder\\_%'`)
    expect(rows.filter((row) => row.state !== 'sent').map((row) => `${row.kind}: ${row.state} ${row.error}`)).to.deep.equal([])
    for (const email of t.smtp.messages) {
      expect(email.text, email.subject).to.match(/^Hello Amira Khan \d+,/)
      expect(email.text, email.subject).not.to.match(/undefined|\[object|NaN|&#39;|&amp;/)
      expect(email.html, email.subject).to.match(/<h1[^>]*>/)
      expect(email.html, email.subject).not.to.match(/undefined|\[object|NaN/)
    }
  })
})
