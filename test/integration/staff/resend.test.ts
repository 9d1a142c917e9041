import { expect } from 'chai'
import { and, eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { auditLog, bookings, notifications, smsOptOuts } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { aFamily, aStaffUser, messagesOn, postForm, signedIn } from './staff-helpers.js'

const db = () => testDatabase().db

/** The booking's own messages (reminders aside), oldest first. */
async function messagesFor(bookingId: number) {
  const rows = await db().select().from(notifications).where(eq(notifications.bookingId, bookingId)).orderBy(notifications.id)
  return rows.filter((row) => !row.kind.startsWith('reminder_'))
}

describe('reception: resending a confirmation', () => {
  const t = useTestApp({ fakes: { smtp: true }, env: ({ smtp }) => ({ SMTP_URL: smtp.url }) })

  async function bookFor(familyId: number, courseId: number, action: 'book' | 'waiting') {
    const agent = await signedIn(t.app, (await aStaffUser('reception')).email)
    const res = await postForm(
      agent,
      paths.staff.families.book(familyId),
      { courseId: String(courseId), action },
      paths.staff.families.book(familyId),
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [booking] = await db()
      .select()
      .from(bookings)
      .where(and(eq(bookings.familyId, familyId), eq(bookings.courseId, courseId)))
    return { agent, booking: booking! }
  }

  it('sends the confirmation again as a new email each time, and never texts a number that replied STOP', async () => {
    const { course } = await aCourse({ capacity: 3 })
    const family = await aFamily({ contactByEmail: true, contactBySms: true })
    await db().insert(smsOptOuts).values({ phone: family.phone! })
    const { agent, booking } = await bookFor(family.id, course.id, 'book')
    for (let i = 0; i < 2; i++) {
      const res = await postForm(agent, paths.staff.bookings.resend(booking.id), {}, paths.staff.bookings.show(booking.id))
      expect(res.status).to.equal(302)
    }
    const rows = await messagesFor(booking.id)
    expect(rows.map((row) => `${row.kind}:${row.channel}`)).to.deep.equal([
      'booking_confirmed:email',
      'booking_confirmed:email',
      'booking_confirmed:email',
    ])
    expect(new Set(rows.map((row) => row.dedupeKey)).size).to.equal(3)
    expect(rows.slice(1).map((row) => (row.payload as { resent?: boolean }).resent)).to.deep.equal([true, true])
    const entries = await db().select().from(auditLog).where(eq(auditLog.action, 'booking.message_resent'))
    expect(entries.map((entry) => (entry.changes as { after: Record<string, unknown> }).after)).to.deep.equal([
      { kind: 'booking_confirmed', messages: 1 },
      { kind: 'booking_confirmed', messages: 1 },
    ])

    await t.services.notificationDelivery.deliverDue()
    const received = t.smtp.messagesTo(family.email!)
    expect(received).to.have.length(3)
    expect(received.map((email) => email.subject)).to.satisfy((subjects: string[]) =>
      subjects.every((subject) => subject.startsWith('Booking confirmed')),
    )
    expect(new Set(received.map((email) => email.messageId)).size).to.equal(3)
    expect(received.every((email) => email.calendar?.method === 'REQUEST')).to.equal(true)
  })

  it('sends a waiting-list message again with the family’s place in the queue as it is now', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await bookFor((await aFamily()).id, course.id, 'book')
    const { booking: first } = await bookFor((await aFamily()).id, course.id, 'waiting')
    const family = await aFamily({ contactByEmail: true })
    const { agent, booking } = await bookFor(family.id, course.id, 'waiting')
    await postForm(agent, paths.staff.bookings.cancel(first.id), {}, paths.staff.bookings.show(first.id))
    const res = await postForm(agent, paths.staff.bookings.resend(booking.id), {}, paths.staff.bookings.show(booking.id))
    expect(res.status).to.equal(302)
    const rows = await messagesFor(booking.id)
    expect(rows.map((row) => [row.kind, (row.payload as { waitlistPosition?: number }).waitlistPosition])).to.deep.equal([
      ['waitlist_joined', 2],
      ['waitlist_joined', 1],
    ])
    await t.services.notificationDelivery.deliverDue()
    // Sent in parallel, so in either order: the first message said 2, the one sent again says 1.
    const positions = t.smtp.messagesTo(family.email!).map((email) => /You are number (\d+) on the waiting list/.exec(email.text)?.[1])
    expect(positions.sort()).to.deep.equal(['1', '2'])
  })

  it('sends nothing, and says so, to a family who agreed to neither email nor texts', async () => {
    const { course } = await aCourse({ capacity: 3 })
    const family = await aFamily({ contactByEmail: false, contactBySms: false })
    const { agent, booking } = await bookFor(family.id, course.id, 'book')
    const res = await postForm(agent, paths.staff.bookings.resend(booking.id), {}, paths.staff.bookings.show(booking.id))
    const page = await agent.get(res.headers.location as string)
    expect(messagesOn(page.text)).to.contain('Nothing sent')
    expect(await messagesFor(booking.id)).to.have.length(0)
  })
})
