import { expect } from 'chai'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { auditLog, bookings, families, notifications } from '../../../src/db/schema/index.js'
import { toPrincipal } from '../../../src/services/staff/auth-service.js'
import type { StaffPrincipal } from '../../../src/services/staff/policy.js'
import { aFamily, aStaffUser } from './staff-helpers.js'

const db = () => testDatabase().db

/** Everything a booking action could write, to compare before and after. */
async function snapshot() {
  return {
    bookings: await db().select().from(bookings).orderBy(bookings.id),
    families: await db().select().from(families).orderBy(families.id),
    notifications: await db().select().from(notifications).orderBy(notifications.id),
    audit: await db().select().from(auditLog).orderBy(auditLog.id),
  }
}

describe('staff booking actions and their audit entries', () => {
  const t = useTestApp()
  let actor: StaffPrincipal
  beforeEach(async () => {
    actor = toPrincipal(await aStaffUser('admin'), [])
  })

  /** A course with one family in its place and one in its queue, and a second course with room. */
  async function aFullCourseWithAQueue() {
    const { course } = await aCourse({ capacity: 1 })
    const { course: other } = await aCourse({ capacity: 3 })
    const placed = await t.services.staff.bookings.book(actor, (await aFamily()).id, course.id)
    const queued = await t.services.staff.bookings.joinWaitingList(actor, (await aFamily()).id, course.id)
    if (placed.outcome !== 'confirmed' || queued.outcome !== 'waiting') throw new Error('set-up failed')
    return { course, other, placed: placed.booking, queued: queued.booking }
  }

  it('writes each action and its audit entry in one transaction: when the entry cannot be written, the action is undone', async () => {
    const { course, other, placed, queued } = await aFullCourseWithAQueue()
    const { course: dropIn } = await aCourse({ capacity: 5 })
    const newcomer = await aFamily()
    // The audit store fails, as a crash between the booking and its record would.
    t.services.staff.audit.record = () => Promise.reject(new Error('audit entry not written'))
    const before = await snapshot()
    const bookingsService = t.services.staff.bookings
    const attempts: [string, () => Promise<unknown>][] = [
      ['book', () => bookingsService.book(actor, newcomer.id, other.id)],
      ['book over the limit', () => bookingsService.book(actor, newcomer.id, course.id, { overbookReason: 'Urgent' })],
      ['join the waiting list', () => bookingsService.joinWaitingList(actor, newcomer.id, course.id)],
      [
        'walk in',
        () =>
          bookingsService.walkIn(
            actor,
            { parentName: 'Walk In', phone: '+447700900111', contactByEmail: false, contactBySms: false },
            dropIn.id,
          ),
      ],
      ['cancel', () => bookingsService.cancel(actor, placed.id, 'Phoned in')],
      ['leave the waiting list', () => bookingsService.leaveWaitingList(actor, queued.id)],
      ['promote over the limit', () => bookingsService.promote(actor, queued.id, 'Urgent')],
      ['change course', () => bookingsService.change(actor, placed.id, other.id)],
      ['resend', () => bookingsService.resend(actor, placed.id)],
    ]
    for (const [name, attempt] of attempts) {
      const failed = await attempt().then(
        () => undefined,
        (error: Error) => error.message,
      )
      expect(failed, name).to.equal('audit entry not written')
      expect(await snapshot(), `${name} left nothing behind`).to.deep.equal(before)
    }
  })

  it('records who did each action, what it was and what changed', async () => {
    const { other, placed, queued } = await aFullCourseWithAQueue()
    await t.services.staff.bookings.resend(actor, placed.id)
    await t.services.staff.bookings.promote(actor, queued.id, 'Urgent')
    await t.services.staff.bookings.change(actor, queued.id, other.id)
    await t.services.staff.bookings.cancel(actor, placed.id, 'Phoned in')
    const entries = await db().select().from(auditLog).orderBy(auditLog.id)
    expect(entries.map((entry) => [entry.action, entry.staffUserId])).to.deep.equal([
      ['booking.created', actor.id],
      ['booking.waiting_list_joined', actor.id],
      ['booking.message_resent', actor.id],
      ['booking.promoted', actor.id],
      ['booking.changed', actor.id],
      ['booking.cancelled', actor.id],
    ])
    const changes = (action: string) =>
      entries.find((entry) => entry.action === action)!.changes as { before: Record<string, unknown>; after: Record<string, unknown> }
    expect(changes('booking.promoted').before).to.include({ status: 'waiting', overbooked: false })
    expect(changes('booking.promoted').after).to.include({ status: 'confirmed', overbooked: true, overbookReason: 'Urgent' })
    expect(changes('booking.changed').before).to.include({ bookingId: queued.id, courseId: queued.courseId })
    expect(changes('booking.changed').after).to.include({ courseId: other.id, oldStatus: 'cancelled' })
    expect(changes('booking.cancelled').after).to.include({ status: 'cancelled', reason: 'Phoned in' })
  })
})
