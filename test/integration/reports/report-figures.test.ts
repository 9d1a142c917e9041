import { expect } from 'chai'
import { eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import {
  attendance,
  bookings,
  courses,
  families,
  freedPlaces,
  inboundMessages,
  notifications,
  sessions,
} from '../../../src/db/schema/index.js'
import type { ReportFilter, Reports } from '../../../src/domain/reports.js'
import { londonTime } from '../../../src/time.js'

/*
 * A small history whose every figure is worked out by hand below. Times are London times; the
 * interesting ones sit by the spring clock change (Sunday 29 March 2026):
 *
 * Course X (hub A, 5 places): s1 Mon 23 Mar 10:00; s2 Mon 30 Mar 00:30 BST (Sunday 23:30 in UTC, so
 *   in UTC it would fall in the week before); s3 8 Apr, cancelled.
 * Course Y (hub B, 2 places): one session Wed 1 Apr 00:30 BST (31 March in UTC: April in London).
 * Course Z (hub A, 0 places): no sessions yet. Course V (hub A): cancelled. Course W: starts in June.
 */
const at = (date: string, time: string) => londonTime(date, time)
const NOW = at('2026-04-20', '12:00')
const WEEKS: Omit<ReportFilter, 'scope'> = { from: '2026-03-16', to: '2026-04-12' }

describe('reports: every figure of a known history', () => {
  const t = useTestApp({ fresh: 'once', seed: () => seed() })
  const ids = {} as Awaited<ReturnType<typeof seed>>

  before(async () => {
    Object.assign(ids, await knownIds())
  })

  const build = (filter: Partial<ReportFilter> = {}): Promise<Reports> =>
    t.services.staff.reports.build({ ...WEEKS, scope: 'all', ...filter }, NOW)

  it('counts places, attendance, no-shows, late cancellations and walk-ins by London week, empty weeks included', async () => {
    const reports = await build()
    expect(reports.unit).to.equal('week')
    expect(reports.periods).to.deep.equal(['2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06'])
    const zero = { placesBooked: 0, attended: 0, noShows: 0, attendanceRate: null, noShowRate: null, lateCancellations: 0, walkIns: 0 }
    expect(reports.attendance).to.deep.equal({
      total: { placesBooked: 10, attended: 4, noShows: 4, attendanceRate: 0.4, noShowRate: 0.4, lateCancellations: 2, walkIns: 2 },
      byPeriod: [
        { periodStart: '2026-03-16', ...zero },
        {
          periodStart: '2026-03-23',
          placesBooked: 4,
          attended: 2,
          noShows: 1,
          attendanceRate: 0.5,
          noShowRate: 0.25,
          lateCancellations: 1,
          walkIns: 1,
        },
        {
          periodStart: '2026-03-30',
          placesBooked: 6,
          attended: 2,
          noShows: 3,
          attendanceRate: 2 / 6,
          noShowRate: 0.5,
          lateCancellations: 1,
          walkIns: 1,
        },
        { periodStart: '2026-04-06', ...zero },
      ],
    })
  })

  it('counts freed and refilled places by band and by the London week of the start, with the median and empty hours', async () => {
    const { refill } = await build()
    // The place freed 12 hours before X's start had nobody waiting: the only one no waiting list could refill.
    expect(refill.total).to.deep.equal({
      freed: 4,
      refilled: 2,
      refillRate: 0.5,
      freedWithNobodyWaiting: 1,
      freedWhileWaiting: 3,
      refilledWhileWaiting: 2,
      refillRateWhileWaiting: 2 / 3,
      medianMinutesToRefill: 105,
      emptyPlaceHoursWhileWaiting: 4.5,
    })
    const split = (nobody: number, whileWaiting: number, refilled: number, rate: number | null) => ({
      freedWithNobodyWaiting: nobody,
      freedWhileWaiting: whileWaiting,
      refilledWhileWaiting: refilled,
      refillRateWhileWaiting: rate,
    })
    expect(refill.byBand).to.deep.equal([
      { band: 'over_24h', freed: 1, refilled: 1, refillRate: 1, ...split(0, 1, 1, 1) },
      { band: 'from_2h_to_24h', freed: 2, refilled: 1, refillRate: 0.5, ...split(1, 1, 1, 1) },
      { band: 'under_2h', freed: 1, refilled: 0, refillRate: 0, ...split(0, 1, 0, 0) },
    ])
    expect(refill.byPeriod).to.deep.equal([
      { periodStart: '2026-03-16', freed: 0, refilled: 0, refillRate: null },
      { periodStart: '2026-03-23', freed: 3, refilled: 1, refillRate: 1 / 3 },
      { periodStart: '2026-03-30', freed: 1, refilled: 1, refillRate: 1 },
      { periodStart: '2026-04-06', freed: 0, refilled: 0, refillRate: null },
    ])
  })

  it('counts messages by channel and kind, text replies by action, and no-shows with and without a reminder', async () => {
    const { messages } = await build()
    expect(messages.byChannelAndKind).to.deep.equal([
      { channel: 'email', kind: 'booking_confirmed', sent: 1, delivered: 0, failed: 0 },
      { channel: 'email', kind: 'reminder_email_48h', sent: 2, delivered: 0, failed: 0 },
      { channel: 'sms', kind: 'reminder_sms_3h', sent: 1, delivered: 1, failed: 1 },
    ])
    expect(messages.replies).to.deep.equal([
      { action: 'cancelled_booking', count: 1 },
      { action: 'opted_out', count: 1 },
    ])
    expect(messages.reminderEffect).to.deep.equal({
      withReminder: { placesBooked: 3, noShows: 1, noShowRate: 1 / 3 },
      withoutReminder: { placesBooked: 7, noShows: 3, noShowRate: 3 / 7 },
    })
  })

  it('shows demand: fill by course (one with no sessions yet), families who queued, never offered, referrals', async () => {
    const { demand } = await build()
    expect(demand.fillByCourse).to.deep.equal([
      { courseId: ids.z, courseTitle: 'Baby massage', hubName: 'Hub A', startsOn: null, capacity: 0, placesBooked: 0, fillRate: null },
      {
        courseId: ids.x,
        courseTitle: 'Baby massage',
        hubName: 'Hub A',
        startsOn: '2026-03-23',
        capacity: 5,
        placesBooked: 4,
        fillRate: 0.8,
      },
      {
        courseId: ids.y,
        courseTitle: 'Baby massage',
        hubName: 'Hub B',
        startsOn: '2026-04-01',
        capacity: 2,
        placesBooked: 1,
        fillRate: 0.5,
      },
    ])
    expect(demand.waitingByProgrammeAndHub).to.deep.equal([
      { programmeId: ids.programme, programmeTitle: 'Baby massage', hubId: ids.hubA, hubName: 'Hub A', familiesWaiting: 2 },
    ])
    expect(demand.waitedNeverOffered).to.equal(1)
    expect(demand.referralsBySource).to.deep.equal([
      { source: 'not_recorded', families: 7 },
      { source: 'health_visitor', families: 2 },
      { source: 'school', families: 1 },
    ])
  })

  it('uses London months for a longer range: a session at 00:30 on 1 April BST is in April', async () => {
    const reports = await build({ from: '2026-01-01', to: '2026-06-30' })
    expect(reports.unit).to.equal('month')
    expect(reports.periods).to.deep.equal(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'])
    expect(reports.attendance.byPeriod.map((p) => [p.periodStart, p.placesBooked])).to.deep.equal([
      ['2026-01-01', 0],
      ['2026-02-01', 0],
      ['2026-03-01', 8],
      ['2026-04-01', 2],
      ['2026-05-01', 0],
      ['2026-06-01', 0],
    ])
    expect(reports.refill.byPeriod.map((p) => [p.periodStart, p.freed])).to.deep.equal([
      ['2026-01-01', 0],
      ['2026-02-01', 0],
      ['2026-03-01', 3],
      ['2026-04-01', 1],
      ['2026-05-01', 0],
      ['2026-06-01', 0],
    ])
    // Course W starts in June: it joins the demand figures; X, Y and Z are still there.
    expect(reports.demand.fillByCourse.map((c) => c.courseId)).to.deep.equal([ids.z, ids.x, ids.y, ids.w])
  })

  it("limits a hub manager to their hubs' figures, and narrows by course", async () => {
    const hubA = await build({ scope: [ids.hubA] })
    expect(hubA.attendance.total).to.include({ placesBooked: 8, attended: 3, noShows: 3, lateCancellations: 2, walkIns: 2 })
    expect(hubA.refill.total).to.include({ freed: 3, refilled: 1 })
    expect(hubA.messages.replies).to.deep.equal([])
    expect(hubA.messages.byChannelAndKind.map((m) => [m.kind, m.sent, m.failed])).to.deep.equal([
      ['booking_confirmed', 1, 0],
      ['reminder_email_48h', 1, 0],
      ['reminder_sms_3h', 1, 1],
    ])
    expect(hubA.demand.fillByCourse.map((c) => c.courseId)).to.deep.equal([ids.z, ids.x])
    // Asking for another hub within a hub manager's scope gives nothing, not that hub's figures.
    expect((await build({ scope: [ids.hubA], hubId: ids.hubB })).attendance.total.placesBooked).to.equal(0)

    const y = await build({ courseId: ids.y })
    expect(y.attendance.total).to.include({ placesBooked: 2, attended: 1, noShows: 1 })
    expect(y.messages.replies).to.deep.equal([{ action: 'cancelled_booking', count: 1 }])

    const options = await t.services.staff.reports.options([ids.hubA])
    expect(options.hubs).to.deep.equal([{ id: ids.hubA, name: 'Hub A' }])
    expect(options.programmes).to.deep.equal([{ id: ids.programme, title: 'Baby massage' }])
    expect(options.courses.map((c) => c.id).sort()).to.deep.equal([ids.x, ids.z, ids.v, ids.w].sort())
  })

  it('gives the same figures after the retention job has anonymised every family', async () => {
    const before = await build()
    // Thirty years on, every family's last session is long past RETENTION_MONTHS.
    const later = new Date(NOW.getTime() + 30 * 365 * 24 * 3600_000)
    const anonymised = await t.services.staff.dataProtection.applyRetention(later)
    const [counted] = (await testDatabase().db.execute(sql`select count(*)::int as families from families`)).rows as {
      families: number
    }[]
    expect(anonymised, 'every family anonymised').to.equal(counted!.families)
    expect(await build()).to.deep.equal(before)
  })
})

let n = 0
async function aFamily(referredBy: string | null = null): Promise<number> {
  n += 1
  const [row] = await testDatabase()
    .db.insert(families)
    .values({ parentName: `Parent ${n}`, email: `report-family-${n}@example.com`, contactByEmail: true, referredBy })
    .returning({ id: families.id })
  return row!.id
}

type NewBooking = Partial<typeof bookings.$inferInsert> & Pick<typeof bookings.$inferInsert, 'courseId' | 'status'>
async function aBooking(values: NewBooking): Promise<number> {
  n += 1
  const [row] = await testDatabase()
    .db.insert(bookings)
    .values({ reference: `RPT-${n}`, manageNonce: `nonce-${n}`, manageTokenHash: `hash-${n}`, familyId: await aFamily(), ...values })
    .returning({ id: bookings.id })
  return row!.id
}

/** The ids of the rows seed() made, looked up by what is unique about them. */
async function knownIds() {
  const result = await testDatabase().db.execute<Record<string, number>>(sql`
    select (select id from hubs where name = 'Hub A') as "hubA", (select id from hubs where name = 'Hub B') as "hubB",
      (select id from programmes where title = 'Baby massage') as programme,
      (select id from courses where notes = 'X') as x, (select id from courses where notes = 'Y') as y,
      (select id from courses where notes = 'Z') as z, (select id from courses where notes = 'V') as v,
      (select id from courses where notes = 'W') as w`)
  const row = result.rows[0]!
  return { hubA: row.hubA!, hubB: row.hubB!, programme: row.programme!, x: row.x!, y: row.y!, z: row.z!, v: row.v!, w: row.w! }
}

async function seed() {
  const db = testDatabase().db
  const hubA = (await aHub({ name: 'Hub A' })).id
  const hubB = (await aHub({ name: 'Hub B' })).id
  const programmeId = (await aProgramme({ title: 'Baby massage' })).id
  const x = await aCourse({
    programmeId,
    hubId: hubA,
    capacity: 5,
    notes: 'X',
    sessions: [
      { date: '2026-03-23', start: '10:00', end: '12:00' },
      { date: '2026-03-30', start: '00:30', end: '01:30' },
      { date: '2026-04-08', start: '10:00', end: '12:00' },
    ],
  })
  const [s1, s2, s3] = x.sessions
  await db
    .update(sessions)
    .set({ cancelledAt: at('2026-04-01', '09:00') })
    .where(eq(sessions.id, s3!.id))
  const y = await aCourse({
    programmeId,
    hubId: hubB,
    capacity: 2,
    notes: 'Y',
    sessions: [{ date: '2026-04-01', start: '00:30', end: '01:30' }],
  })
  const [ys] = y.sessions
  await db.insert(courses).values({ programmeId, hubId: hubA, kind: 'course', capacity: 0, notes: 'Z' })
  const v = await aCourse({ programmeId, hubId: hubA, notes: 'V', sessions: [{ date: '2026-03-25' }] })
  await db
    .update(courses)
    .set({ cancelledAt: at('2026-03-01', '09:00') })
    .where(eq(courses.id, v.course.id))
  await aCourse({ programmeId, hubId: hubA, notes: 'W', sessions: [{ date: '2026-06-01' }] })

  const march1 = at('2026-03-01', '09:00')
  const X = x.course.id
  const b1 = await aBooking({ courseId: X, status: 'confirmed', confirmedAt: march1, familyId: await aFamily('health_visitor') })
  const b2 = await aBooking({
    courseId: X,
    status: 'confirmed',
    source: 'reception',
    confirmedAt: march1,
    familyId: await aFamily('health_visitor'),
  })
  // Cancelled 22 hours before s1: a late cancellation for s1; a week before s2: nothing there.
  await aBooking({ courseId: X, status: 'cancelled', confirmedAt: march1, endedAt: new Date(s1!.startsAt.getTime() - 22 * 3600_000) })
  await aBooking({ courseId: X, status: 'cancelled', confirmedAt: march1, endedAt: at('2026-03-10', '09:00') })
  const b5 = await aBooking({ courseId: X, status: 'confirmed', source: 'walk_in', confirmedAt: at('2026-03-23', '10:05') })
  // Booked after s1 ended: a place at s2 only.
  const b6 = await aBooking({ courseId: X, status: 'confirmed', confirmedAt: at('2026-03-25', '09:00') })
  await aBooking({ courseId: X, status: 'waiting', waitlistJoinedAt: at('2026-03-05', '09:00') })
  await aBooking({
    courseId: X,
    status: 'declined',
    waitlistJoinedAt: at('2026-03-05', '10:00'),
    offeredAt: at('2026-03-10', '09:00'),
    endedAt: at('2026-03-11', '09:00'),
  })
  const Y = y.course.id
  const c1 = await aBooking({ courseId: Y, status: 'confirmed', confirmedAt: march1, familyId: await aFamily('school') })
  // Cancelled 15 minutes into the session: the place was held, and not used.
  const c2 = await aBooking({ courseId: Y, status: 'cancelled', confirmedAt: march1, endedAt: at('2026-04-01', '00:45') })

  await db.insert(attendance).values([
    { bookingId: b1, sessionId: s1!.id, status: 'attended' },
    { bookingId: b1, sessionId: s2!.id, status: 'attended' },
    { bookingId: b2, sessionId: s2!.id, status: 'did_not_attend' },
    { bookingId: b5, sessionId: s1!.id, status: 'attended' },
    { bookingId: b5, sessionId: s2!.id, status: 'cancelled_late' },
    { bookingId: c1, sessionId: ys!.id, status: 'attended' },
  ])

  const message = (key: string, values: Partial<typeof notifications.$inferInsert>): typeof notifications.$inferInsert => ({
    dedupeKey: key,
    channel: 'email',
    kind: 'reminder_email_48h',
    recipient: 'someone@example.com',
    ...values,
  })
  await db.insert(notifications).values([
    message('1', { bookingId: b1, sessionId: s1!.id, state: 'sent', sentAt: at('2026-03-21', '10:00') }),
    message('2', {
      bookingId: b2,
      sessionId: s1!.id,
      channel: 'sms',
      kind: 'reminder_sms_3h',
      state: 'delivered',
      sentAt: at('2026-03-23', '07:00'),
    }),
    message('3', {
      bookingId: b2,
      sessionId: s2!.id,
      channel: 'sms',
      kind: 'reminder_sms_3h',
      state: 'failed',
      dueAt: at('2026-03-29', '21:30'),
    }),
    message('4', { bookingId: c1, sessionId: ys!.id, state: 'sent', sentAt: at('2026-03-29', '23:00') }),
    message('5', { bookingId: b6, sessionId: s2!.id, state: 'cancelled', dueAt: at('2026-03-28', '00:30') }),
    message('6', { bookingId: b1, kind: 'booking_confirmed', state: 'sent', sentAt: march1 }),
    message('7', { bookingId: b6, kind: 'booking_confirmed', state: 'sent', sentAt: at('2026-03-25', '09:00') }),
  ])

  const reply = (action: string, receivedAt: Date, bookingId: number | null) => ({
    fromPhone: '+447700900123',
    body: 'CANCEL',
    action,
    details: { bookingId },
    receivedAt,
  })
  await db
    .insert(inboundMessages)
    .values([
      reply('cancelled_booking', at('2026-04-01', '00:45'), c2),
      reply('opted_out', at('2026-03-20', '12:00'), null),
      reply('duplicate', at('2026-03-20', '12:01'), null),
      reply('received', at('2026-03-20', '12:02'), null),
      reply('accepted_offer', at('2026-05-01', '12:00'), b1),
    ])

  const hoursBefore = (start: Date, hours: number) => new Date(start.getTime() - hours * 3600_000)
  const minutesAfter = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000)
  const xStart = s1!.startsAt
  const yStart = ys!.startsAt
  const freed = (courseId: number, startsAt: Date, freedAt: Date, familiesWaiting: number, refilledAt: Date | null = null) => ({
    courseId,
    reason: 'cancelled' as const,
    freedAt,
    startsAt,
    familiesWaiting,
    refilledAt,
  })
  await db.insert(freedPlaces).values([
    freed(X, xStart, hoursBefore(xStart, 72), 2, minutesAfter(hoursBefore(xStart, 72), 90)),
    freed(X, xStart, hoursBefore(xStart, 12), 0),
    freed(X, xStart, hoursBefore(xStart, 1), 1),
    freed(Y, yStart, hoursBefore(yStart, 12), 1, minutesAfter(hoursBefore(yStart, 12), 120)),
    // Course V was cancelled after this place was freed: nobody could take it, so it is left out.
    freed(v.course.id, v.sessions[0]!.startsAt, hoursBefore(v.sessions[0]!.startsAt, 48), 3),
  ])
  return { hubA, hubB, programme: programmeId, x: X, y: Y, z: 0, v: v.course.id, w: 0 }
}
