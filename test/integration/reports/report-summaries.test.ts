import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { aBookingRequest, aNewFamily } from '../../support/booking-helpers.js'
import { makeRemindersDue } from '../reminders/reminder-helpers.js'
import { reportData } from '../../../src/data/reports/index.js'
import { periodUnit, rangeInstants } from '../../../src/services/reports/report-periods.js'
import type { ReportQuery } from '../../../src/data/reports/report-query.js'
import type { ReportFilter, Reports } from '../../../src/domain/reports.js'
import type { StaffPrincipal } from '../../../src/services/staff/policy.js'
import { LONDON } from '../../../src/time.js'

/*
 * The report summaries (migration 0014) against counting live. A small city is made through the
 * real services (bookings, cancellations, reminders sent, the register, sessions moved and
 * cancelled, retention), the summaries are refreshed, and after every further change the figures
 * read through the summaries must equal the live count, for several LATE_CANCELLATION_HOURS. Each
 * change is one that alters the figures, so a summary not marked stale by it would show.
 */
const admin: StaffPrincipal = { id: 1, name: 'Admin', email: 'admin@hub.example', role: 'admin', hubIds: [] }
const today = DateTime.now().setZone(LONDON)
const inDays = (days: number) => today.plus({ days }).toISODate()!
/** The reports' clock: every session has ended by then. */
const LATER = today.plus({ days: 70 }).toJSDate()
const FILTER: ReportFilter = { from: inDays(-1), to: inDays(60), scope: 'all' }

/** A small seeded generator (mulberry32), so the "random" city is the same on every run. */
function generator(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

describe('reports: the summaries give the same figures as counting live', () => {
  const t = useTestApp({ fresh: 'once', ownDataDir: true })
  const random = generator(20261130)
  const courses: { id: number; sessions: { id: number; startsAt: Date }[]; bookings: number[] }[] = []

  const query = (lateCancellationHours: number): ReportQuery => ({
    filter: FILTER,
    unit: periodUnit(FILTER.from, FILTER.to),
    ...rangeInstants(FILTER.from, FILTER.to),
    now: LATER,
    lateCancellationHours,
  })
  const build = (): Promise<Reports> => t.services.staff.reports.build(FILTER, LATER)
  const refresh = () => t.services.staff.reports.refreshSummaries(LATER)

  /** Summaries and live agree, for the service's setting and for others, by week and by month. */
  async function expectSummariesMatchLive(what: string): Promise<void> {
    const data = reportData(testDatabase())
    for (const hours of [24, 3, 5, 100, 1000]) {
      for (const unit of ['week', 'month'] as const) {
        const q = { ...query(hours), unit }
        expect(await data.attendance.rows(q), `${what}: attendance, ${hours} h, by ${unit}`).to.deep.equal(
          await data.attendance.rows(q, 'live'),
        )
      }
    }
    const q = query(24)
    expect(await data.messages.byChannelAndKind(q), `${what}: messages`).to.deep.equal(await data.messages.byChannelAndKind(q, 'live'))
  }

  /** How many sessions and days the reports can take from an up-to-date summary. */
  async function freshSummaries(): Promise<{ sessions: number; days: number }> {
    const result = await testDatabase().db.execute<{ sessions: number; days: number }>(sql`select
      (select count(*)::int from session_attendance_summaries sm
        where not exists (select 1 from session_attendance_stale st where st.session_id = sm.session_id)) as sessions,
      (select count(*)::int from message_day_summaries sm
        where not exists (select 1 from message_day_stale st where st.day = sm.day)) as days`)
    return result.rows[0]!
  }

  /** Applies a change, checks it moved the figures and that summaries still equal live, then refreshes. */
  async function afterChange(
    what: string,
    change: () => Promise<unknown>,
    options: { changesFigures?: boolean; recomputes?: boolean } = {},
  ): Promise<void> {
    const before = await build()
    await change()
    await expectSummariesMatchLive(`${what} (before the refresh)`)
    const after = await build()
    if (options.changesFigures === false) expect(after, `${what} leaves the figures as they were`).to.deep.equal(before)
    else expect(after, `${what} changes the figures`).not.to.deep.equal(before)
    const refreshed = await refresh()
    await expectSummariesMatchLive(`${what} (after the refresh)`)
    expect(await build(), `${what}: the refreshed summaries`).to.deep.equal(after)
    // A change that counts marks what it changed: the refresh has something to recompute (a
    // cancelled session is left out of the reports, so it needs no summary).
    if (options.changesFigures !== false && options.recomputes !== false)
      expect(refreshed.sessions + refreshed.days, `${what}: summaries recomputed`).to.be.greaterThan(0)
  }

  before(async () => {
    const hub = await aHub()
    const programme = await aProgramme()
    for (const [firstDay, count] of [
      [7, 3],
      [9, 2],
      [12, 4],
    ] as const) {
      const { course, sessions } = await aCourse({
        hubId: hub.id,
        programmeId: programme.id,
        capacity: 12,
        sessions: weekly(inDays(firstDay), count),
      })
      const bookings: number[] = []
      for (let i = 0; i < 9; i++) {
        const source = (['online', 'reception', 'walk_in'] as const)[Math.floor(random() * 3)]!
        const family = aNewFamily({ contactByEmail: true, contactBySms: random() < 0.5 })
        const result = await t.services.booking.book(aBookingRequest(course.id, { family, source }))
        if (result.outcome !== 'confirmed') throw new Error(`Expected a place, got ${result.outcome}`)
        bookings.push(result.booking.id)
      }
      courses.push({ id: course.id, sessions: sessions.map((s) => ({ id: s.id, startsAt: s.startsAt })), bookings })
    }
    // Cancellations: days ahead, and a few hours before the first session (late for some settings).
    for (const course of courses) {
      const start = course.sessions[0]!.startsAt.getTime()
      await t.services.booking.cancel(course.bookings[0]!)
      await t.services.booking.cancel(course.bookings[1]!, { now: new Date(start - 4.5 * 3600_000) })
      await t.services.booking.cancel(course.bookings[2]!, { now: new Date(start - 30 * 3600_000) })
    }
    // Some reminders sent.
    for (const course of courses) for (const id of course.bookings.slice(3, 6)) await makeRemindersDue(id)
    await t.services.notificationDelivery.deliverDue()
    // Every register taken, at random.
    for (const course of courses) {
      for (const session of course.sessions) {
        const marks = new Map(
          course.bookings
            .slice(3)
            .map((id) => [id, (['attended', 'did_not_attend', 'cancelled_late'] as const)[Math.floor(random() * 3)]!]),
        )
        await t.services.staff.registers.recordAttendance(admin, session.id, course.id, marks, LATER)
      }
    }
  })

  it('counts every session live before the first refresh, and the same from the summaries after it', async () => {
    await expectSummariesMatchLive('no summaries yet')
    const before = await build()
    expect(before.attendance.total.placesBooked, 'a city with places').to.be.greaterThan(0)
    expect(before.messages.reminderEffect.withReminder.placesBooked, 'some places reminded').to.be.greaterThan(0)
    const refreshed = await refresh()
    expect(refreshed.sessions).to.equal(9)
    expect(await freshSummaries()).to.deep.include({ sessions: 9 })
    await expectSummariesMatchLive('refreshed')
    expect(await build()).to.deep.equal(before)
    // A second refresh has nothing to do.
    expect(await refresh()).to.deep.equal({ sessions: 0, days: 0 })
  })

  it('reads the summaries when they are up to date (a summary changed by hand shows in the report)', async () => {
    const before = await build()
    await testDatabase().db.execute(
      sql`update session_attendance_counts set places_booked = places_booked + 100, no_shows = no_shows + 100`,
    )
    const tampered = await build()
    expect(tampered.attendance.total.placesBooked).to.be.greaterThan(before.attendance.total.placesBooked)
    await testDatabase().db.execute(sql`delete from session_attendance_summaries`)
    expect(await build(), 'a missing summary is counted live').to.deep.equal(before)
    await refresh()
    expect(await build()).to.deep.equal(before)
  })

  it('stays exact after a register is changed', async () => {
    const course = courses[0]!
    await afterChange('a register change', () =>
      t.services.staff.registers.recordAttendance(
        admin,
        course.sessions[1]!.id,
        course.id,
        new Map(course.bookings.slice(3).map((id) => [id, 'attended' as const])),
        LATER,
      ),
    )
  })

  it('stays exact after a late cancellation', async () => {
    const course = courses[1]!
    const start = course.sessions[0]!.startsAt.getTime()
    await afterChange('a late cancellation', () => t.services.booking.cancel(course.bookings[7]!, { now: new Date(start - 2 * 3600_000) }))
  })

  it('stays exact after a reminder is marked sent', async () => {
    const course = courses[2]!
    await afterChange('a reminder sent', async () => {
      await makeRemindersDue(course.bookings[8]!)
      const run = await t.services.notificationDelivery.deliverDue()
      expect(run.outcomes.sent, 'reminders sent').to.be.greaterThan(0)
    })
  })

  it('stays exact after a session is moved to another week, and after one is cancelled', async () => {
    const course = courses[2]!
    const moved = DateTime.fromJSDate(course.sessions[3]!.startsAt).setZone(LONDON).plus({ weeks: 2 })
    await afterChange('a session moved', async () => {
      const result = await t.services.staff.catalogue.moveSession(admin, course.sessions[3]!.id, {
        date: moved.toISODate()!,
        startTime: '09:00',
        endTime: '11:00',
        room: null,
      })
      expect(result).to.deep.equal({ ok: true })
    })
    await afterChange(
      'a session cancelled',
      async () => expect(await t.services.staff.catalogue.cancelSession(admin, courses[0]!.sessions[2]!.id)).to.deep.equal({ ok: true }),
      { recomputes: false },
    )
  })

  it('drops the marks on sessions that have no summary (sessions still to come), and stays exact', async () => {
    const staleOn = async (courseId: number) =>
      (
        await testDatabase().db.execute<{ n: number }>(sql`
          select count(*)::int as n from session_attendance_stale st join sessions s on s.id = st.session_id where s.course_id = ${courseId}`)
      ).rows[0]!.n
    // A course after the reports' clock: the refresh cannot summarise it, so its marks only pile up.
    const { course } = await aCourse({ capacity: 12, sessions: weekly(today.plus({ days: 100 }).toISODate()!, 4) })
    for (let i = 0; i < 3; i++) await t.services.booking.book(aBookingRequest(course.id))
    expect(await staleOn(course.id), 'marks made by the bookings').to.be.greaterThan(0)
    await refresh()
    expect(await staleOn(course.id), 'marks left on sessions with no summary').to.equal(0)
    await expectSummariesMatchLive('after dropping the marks of sessions still to come')
  })

  it('gives the same figures after the retention job has anonymised every family', async () => {
    const later = new Date(LATER.getTime() + 30 * 365 * 24 * 3600_000)
    await afterChange(
      'retention',
      async () => {
        const anonymised = await t.services.staff.dataProtection.applyRetention(later)
        expect(anonymised, 'families anonymised').to.be.greaterThan(0)
      },
      { changesFigures: false },
    )
  })
})
