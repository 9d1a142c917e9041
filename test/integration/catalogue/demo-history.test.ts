import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { testDatabase } from '../../support/root-hooks.js'
import { resetDatabase, testLogger } from '../../support/test-database.js'
import { seedIfEmpty } from '../../../src/cli/demo-data/index.js'
import { isBankHoliday } from '../../../src/cli/demo-data/bank-holidays.js'
import { DEMO_STAFF } from '../../../src/domain/demo-staff.js'
import { inLondon } from '../../../src/time.js'
import { reportData } from '../../../src/data/reports/index.js'
import { ReportsService } from '../../../src/services/reports/reports-service.js'

/**
 * The demo's last 12 weeks (src/cli/demo-data/demo-history.ts), as `npm start` seeds them: played
 * through the booking, register and text-reply services. One seed, on a fixed day, is read by
 * every test; the first test seeds a second time into an empty database to compare.
 */
describe('demo data with a past', function () {
  // Some hundreds of service calls per seed, twice: slow on a busy machine, not a timing check.
  this.timeout(600_000)
  const now = new Date('2026-11-29T22:00:00Z')
  const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await testDatabase().db.execute<T>(query)).rows

  const figures = () =>
    Promise.all([
      rows(sql`select status, source, count(*)::int as n from bookings group by 1, 2 order by 1, 2`),
      rows(sql`select a.status, count(*)::int as n from attendance a group by 1 order by 1`),
      rows(sql`select channel, state, kind, count(*)::int as n from notifications group by 1, 2, 3 order by 1, 2, 3`),
      rows(sql`select body, action, count(*)::int as n from inbound_messages group by 1, 2 order by 1, 2`),
      rows(sql`select referred_by, priority, count(*)::int as n from families group by 1, 2 order by 1, 2`),
      rows(sql`select reference, status, confirmed_at, ended_at, offered_at from bookings order by id`),
    ])

  let first: Awaited<ReturnType<typeof figures>>

  before(async () => {
    await resetDatabase(testDatabase())
    expect(await seedIfEmpty(testDatabase().db, testLogger, now)).to.equal(true)
    first = await figures()
  })

  it('gives the same figures when seeded again into an empty database', async () => {
    await resetDatabase(testDatabase())
    expect(await seedIfEmpty(testDatabase().db, testLogger, now)).to.equal(true)
    expect(await figures()).to.deep.equal(first)
  })

  it('takes registers after past sessions: most attended, some did not', async () => {
    const [facts] = await rows<{
      past_sessions: number
      without_register: number
      attended: number
      no_shows: number
      walk_ins: number
    }>(sql`select
      (select count(*)::int from sessions where ends_at < ${now}) as past_sessions,
      (select count(*)::int from sessions s where s.ends_at < ${now}
         and exists (select 1 from bookings b where b.course_id = s.course_id and b.status = 'confirmed')
         and not exists (select 1 from attendance a where a.session_id = s.id)) as without_register,
      (select count(*)::int from attendance where status = 'attended') as attended,
      (select count(*)::int from attendance where status = 'did_not_attend') as no_shows,
      (select count(*)::int from bookings b join attendance a on a.booking_id = b.id where b.source = 'walk_in') as walk_ins`)
    expect(facts!.past_sessions).to.be.greaterThan(30)
    expect(facts!.without_register).to.equal(0)
    expect(facts!.no_shows).to.be.greaterThan(0)
    expect(facts!.attended).to.be.greaterThan(facts!.no_shows * 3)
    expect(facts!.walk_ins).to.be.greaterThan(0)
  })

  it('has cancellations, some late, and offers taken, turned down and run out, all in the past', async () => {
    const [facts] = await rows<{
      cancelled: number
      late: number
      declined: number
      expired: number
      accepted: number
      future_ends: number
    }>(sql`select
      (select count(*)::int from bookings where status = 'cancelled') as cancelled,
      (select count(*)::int from bookings b where b.status = 'cancelled'
         and b.ended_at > (select min(starts_at) from sessions s where s.course_id = b.course_id) - interval '24 hours') as late,
      (select count(*)::int from bookings where status = 'declined' and ended_at < ${now}) as declined,
      (select count(*)::int from bookings where status = 'expired' and ended_at < ${now}) as expired,
      (select count(*)::int from bookings where status = 'confirmed' and offered_at is not null and confirmed_at > offered_at and confirmed_at < ${now}) as accepted,
      (select count(*)::int from bookings where ended_at > ${now} or confirmed_at > ${now} or created_at > ${now}) as future_ends`)
    expect(facts!.cancelled).to.be.greaterThan(5)
    expect(facts!.late).to.be.greaterThan(0)
    expect(facts!.declined).to.be.greaterThan(0)
    expect(facts!.expired).to.be.greaterThan(0)
    expect(facts!.accepted).to.be.greaterThan(0)
    expect(facts!.future_ends).to.equal(0)
  })

  it('keeps every course within capacity, with places_taken matching its bookings', async () => {
    const [facts] = await rows<{ over: number; wrong_count: number }>(sql`select
      (select count(*)::int from courses where places_taken > capacity) as over,
      (select count(*)::int from courses c where places_taken <>
         (select count(*) from bookings b where b.course_id = c.id and b.status in ('confirmed', 'offered'))) as wrong_count`)
    expect(facts).to.deep.equal({ over: 0, wrong_count: 0 })
  })

  it('leaves no message scheduled in the past: sent, delivered, some failed', async () => {
    const states = await rows<{ state: string; channel: string; n: number }>(
      sql`select state, channel, count(*)::int as n from notifications where due_at <= ${now} group by 1, 2`,
    )
    const count = (state: string, channel: string) => states.find((s) => s.state === state && s.channel === channel)?.n ?? 0
    expect(states.filter((s) => s.state === 'scheduled' || s.state === 'sending')).to.deep.equal([])
    expect(count('delivered', 'sms')).to.be.greaterThan(50)
    expect(count('failed', 'sms')).to.be.greaterThan(0)
    expect(count('sent', 'email')).to.be.greaterThan(50)
    const kinds = await rows<{ kind: string }>(sql`select distinct kind from notifications where state in ('sent', 'delivered')`)
    expect(kinds.map((k) => k.kind)).to.include.members(['booking_confirmed', 'place_offered'])
    expect(kinds.some((k) => k.kind.startsWith('reminder'))).to.equal(true)
  })

  it('records text replies (CANCEL, YES, STOP) with the action the webhook code takes', async () => {
    const replies = await rows<{ body: string; action: string }>(sql`select body, action from inbound_messages where received_at < ${now}`)
    const actions = (word: string) => replies.filter((r) => r.body.toUpperCase().startsWith(word)).map((r) => r.action)
    expect(actions('CANCEL')).to.include('cancelled_booking')
    expect(actions('YES')).to.include('accepted_offer')
    expect(actions('STOP')).to.include('opted_out')
    const [cancelledByText] = await rows<{ n: number }>(
      sql`select count(*)::int as n from bookings where status = 'cancelled' and cancel_reason = 'Replied CANCEL to a text message'`,
    )
    expect(cancelledByText!.n).to.be.greaterThan(0)
  })

  it('has referred families with priority, the demo logins and the coming catalogue', async () => {
    const [facts] = await rows<{ referred: number; sources: number; staff: number; upcoming: number; facilitated: number }>(sql`select
      (select count(*)::int from families where priority and referred_by is not null) as referred,
      (select count(distinct referred_by)::int from families) as sources,
      (select count(*)::int from staff_users) as staff,
      (select count(*)::int from sessions where starts_at > ${now}) as upcoming,
      (select count(*)::int from session_facilitators sf join sessions s on s.id = sf.session_id where s.starts_at > ${now}) as facilitated`)
    expect(facts!.referred).to.be.at.least(5)
    expect(facts!.sources).to.be.at.least(3)
    expect(facts!.staff).to.equal(DEMO_STAFF.length)
    expect(facts!.upcoming).to.be.greaterThan(50)
    expect(facts!.facilitated).to.be.greaterThan(0)
  })

  it('runs no session on a bank holiday', async () => {
    const sessions = await rows<{ starts_at: Date }>(sql`select starts_at from sessions`)
    const days = sessions.map((s) => inLondon(new Date(s.starts_at)).toISODate()!)
    // The coming 8 weeks from this day include Christmas, the substitute Boxing Day and New Year's Day.
    expect(days.filter(isBankHoliday)).to.deep.equal([])
    expect(days.some((day) => day > '2026-12-28')).to.equal(true)
  })

  it("shows a manager a living service: the reports' default 12 weeks have non-zero figures in every section", async () => {
    const reports = new ReportsService(reportData(testDatabase()), 24)
    const twelveWeeksAgo = new Date(now.getTime() - 12 * 7 * 24 * 3600_000)
    const figures = await reports.build({ from: inLondon(twelveWeeksAgo).toISODate()!, to: inLondon(now).toISODate()!, scope: 'all' }, now)
    expect(figures.refill.total.freed, 'places freed').to.be.greaterThan(0)
    expect(figures.refill.total.refilled, 'places refilled from the waiting list').to.be.greaterThan(0)
    expect(figures.refill.total.medianMinutesToRefill, 'median time to refill').to.be.greaterThan(0)
    expect(figures.attendance.total.attended, 'attended').to.be.greaterThan(0)
    expect(figures.attendance.total.noShows, 'no-shows').to.be.greaterThan(0)
    expect(figures.attendance.total.lateCancellations, 'late cancellations').to.be.greaterThan(0)
    expect(figures.attendance.total.walkIns, 'walk-ins').to.be.greaterThan(0)
    expect(figures.attendance.byPeriod.filter((period) => period.placesBooked > 0).length, 'weeks with sessions').to.be.greaterThan(6)
    const delivered = figures.messages.byChannelAndKind.reduce((sum, row) => sum + row.delivered, 0)
    const failed = figures.messages.byChannelAndKind.reduce((sum, row) => sum + row.failed, 0)
    expect(delivered, 'texts delivered').to.be.greaterThan(0)
    expect(failed, 'messages failed').to.be.greaterThan(0)
    expect(figures.messages.replies.length, 'kinds of reply').to.be.greaterThan(1)
    expect(figures.messages.reminderEffect.withReminder.placesBooked, 'places with a reminder').to.be.greaterThan(0)
    expect(
      figures.demand.fillByCourse.some((course) => (course.fillRate ?? 0) > 0),
      'courses with places taken',
    ).to.equal(true)
    expect(figures.demand.referralsBySource.length, 'referral sources').to.be.greaterThan(1)
  })
})
