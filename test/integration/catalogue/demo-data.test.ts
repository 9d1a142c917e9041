import { expect } from 'chai'
import request from 'supertest'
import { sql } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { resetDatabase, testLogger } from '../../support/test-database.js'
import { seedIfEmpty } from '../../../src/cli/demo-data/index.js'
import { seedDemoData } from '../../../src/cli/demo-data/demo-data.js'
import { LONDON } from '../../../src/time.js'
import { pageText } from './catalogue-helpers.js'

describe('demo data', () => {
  const t = useTestApp()

  const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await testDatabase().db.execute<T>(query)).rows
  const count = async (table: string) => (await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n

  it('adds 8 hubs and about 15 programmes across the topics, once', async function () {
    // seedIfEmpty plays the last 12 weeks through the services too: slow on a busy machine.
    this.timeout(600_000)
    expect(await seedIfEmpty(testDatabase().db, testLogger)).to.equal(true)
    expect(await count('hubs')).to.equal(8)
    const programmes = await count('programmes')
    expect(programmes).to.be.within(13, 18)
    const topics = await rows<{ topic: string }>(sql`select distinct unnest(topics) as topic from programmes`)
    expect(topics.map((t) => t.topic)).to.include.members([
      'child-behaviour',
      'toilet-training',
      'perinatal-mental-health',
      'emotional-wellbeing',
      'talking-with-teenagers',
      'early-language-and-play',
      'healthy-relationships',
    ])
    const before = await Promise.all(['hubs', 'programmes', 'courses', 'sessions', 'families', 'bookings'].map(count))
    expect(await seedIfEmpty(testDatabase().db, testLogger)).to.equal(false)
    expect(await Promise.all(['hubs', 'programmes', 'courses', 'sessions', 'families', 'bookings'].map(count))).to.deep.equal(before)
  })

  it('has a referral-only programme, one in another language and online courses', async () => {
    await seedDemoData(testDatabase().db, new Date())
    const [facts] = await rows<{ referral: number; other_language: number; online_courses: number }>(sql`select
      (select count(*)::int from programmes where booking_mode = 'referral') as referral,
      (select count(*)::int from programmes where language <> 'English') as other_language,
      (select count(*)::int from courses where hub_id is null) as online_courses`)
    expect(facts!.referral).to.equal(1)
    expect(facts!.other_language).to.be.at.least(1)
    expect(facts!.online_courses).to.be.at.least(1)
  })

  it('fills some courses, nearly fills others and puts families on waiting lists, within capacity', async () => {
    await seedDemoData(testDatabase().db, new Date())
    const [facts] = await rows<{ full: number; nearly_full: number; waiting: number; over: number; wrong_count: number }>(sql`select
      (select count(*)::int from courses where places_taken = capacity) as full,
      (select count(*)::int from courses where capacity - places_taken between 1 and 2) as nearly_full,
      (select count(*)::int from bookings where status = 'waiting' and waitlist_joined_at is not null) as waiting,
      (select count(*)::int from courses where places_taken > capacity) as over,
      (select count(*)::int from courses c where places_taken <> (select count(*) from bookings b where b.course_id = c.id and b.status = 'confirmed')) as wrong_count`)
    expect(facts!.full).to.be.at.least(3)
    expect(facts!.nearly_full).to.be.at.least(3)
    expect(facts!.waiting).to.be.at.least(3)
    expect(facts!.over).to.equal(0)
    expect(facts!.wrong_count).to.equal(0)
  })

  it('gives bookings a reference, manage credentials and the family contact details', async () => {
    await seedDemoData(testDatabase().db, new Date())
    const bookings = await rows<{
      reference: string
      manage_nonce: string
      manage_token_hash: string
      contact_email: string
      email: string
      contact_phone: string
      phone: string
    }>(sql`
      select b.reference, b.manage_nonce, b.manage_token_hash, b.contact_email, f.email, b.contact_phone, f.phone
      from bookings b join families f on f.id = b.family_id`)
    expect(bookings.length).to.be.greaterThan(100)
    for (const booking of bookings) {
      expect(booking.reference).to.match(/^FH-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{2}$/)
      expect(booking.manage_nonce).to.have.length.greaterThan(20)
      expect(booking.manage_token_hash).to.match(/^[0-9a-f]{64}$/)
      expect(booking.contact_email)
        .to.equal(booking.email)
        .and.match(/@example\.com$/)
      expect(booking.contact_phone)
        .to.equal(booking.phone)
        .and.match(/^\+447700900\d{3}$/)
    }
  })

  it('spreads courses and drop-ins over the next 8 weeks, mornings, afternoons and an evening', async () => {
    const now = new Date()
    await seedDemoData(testDatabase().db, now)
    const sessions = await rows<{ starts_at: Date; kind: string }>(
      sql`select s.starts_at, c.kind from sessions s join courses c on c.id = s.course_id`,
    )
    const upcoming = sessions.filter((s) => new Date(s.starts_at) > now)
    const hours = new Set(upcoming.map((s) => DateTime.fromJSDate(new Date(s.starts_at), { zone: LONDON }).hour))
    expect([...hours].some((h) => h < 12)).to.equal(true)
    expect([...hours].some((h) => h >= 12 && h < 17)).to.equal(true)
    expect([...hours].some((h) => h >= 17)).to.equal(true)
    const dropIns = upcoming.filter((s) => s.kind === 'drop_in').map((s) => new Date(s.starts_at).getTime())
    // Week 0 is the 7 days from tomorrow, so the last drop-in falls on the 56th day from today.
    const eightWeeks = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day').plus({ days: 57 }).toMillis()
    expect(dropIns.length).to.be.greaterThan(20)
    expect(Math.max(...dropIns)).to.be.at.most(eightWeeks)
    expect(Math.max(...dropIns)).to.be.greaterThan(now.getTime() + 6 * 7 * 24 * 3600_000)
  })

  it('gives the same courses and references for the same day', async () => {
    const now = new Date('2026-11-22T12:00:00Z')
    const snapshot = async () => {
      await seedDemoData(testDatabase().db, now)
      return rows(
        sql`select b.reference, b.status, s.starts_at from bookings b join sessions s on s.course_id = b.course_id order by b.id, s.id`,
      )
    }
    const first = await snapshot()
    await resetDatabase(testDatabase())
    expect(await snapshot()).to.deep.equal(first)
  })

  it('shows the demo catalogue with full, referral-only and places-left labels', async () => {
    await seedDemoData(testDatabase().db, new Date())
    const { app } = t
    const first = pageText((await request(app).get('/').expect(200)).text)
    expect(first).to.match(/\d+ courses and drop-ins coming up/)
    const all = (await Promise.all([1, 2, 3, 4, 5, 6, 7].map((page) => request(app).get(`/?page=${page}`).expect(200))))
      .map((res) => pageText(res.text))
      .join(' ')
    expect(all)
      .to.contain('Full: join the waiting list')
      .and.contain('Referral only')
      .and.match(/\d places? left/)
  })
})
