import { expect } from 'chai'
import request from 'supertest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../support/use-test-app.js'
import { testDatabase } from '../support/root-hooks.js'
import { seedDemoData } from '../../src/cli/demo-data/demo-data.js'
import { paths } from '../../src/paths.js'
import { answerJourney } from '../support/booking-helpers.js'
import { aStaffUser, csrfFrom, signedIn } from './staff/staff-helpers.js'

/**
 * Malformed bodies to every form the service has, as a visitor part-way through a booking and as
 * an admin, with real ids so that each reaches its handler and validation: never a 5xx. Bodies that
 * must be refused whole (control characters, JSON, oversize) must also change no row anywhere.
 */

/** mulberry32: the same bodies every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Every field name the service's forms read. */
const FIELDS = `accessibilityNotes action addChild addressLines ageKind ageYears audience bookingMode capacity childAge
  childAgeFromMonths childAgeToMonths childDateOfBirth childDueDate childFirstName childNames consentSource courseId date
  dateOfBirthDay dateOfBirthMonth dateOfBirthYear delivery description dueDateDay dueDateMonth dueDateYear email endTime
  facilities firstDate firstName fullName gettingThere hubId hubIds intent interpreterLanguage language name notes
  openingHours otherCarers otherSupport overbookReason parentName phone postcode programmeId reason referralNotes
  referredBy requestKey role room sessions skipDates startTime summary title topics contactBy support password
  newPassword confirmPassword status sessionId toCourseId q day`.split(/\s+/)

const CONTROL = ['\u0000', '\u0001', '\u0007', '\u001B', '\u007F', '\u0085', '\u009F']
const ODD_TEXT = [
  '\u202Eevil\u202C',
  'a\u200Bb\u200Cc\u200Dd\uFEFF',
  '\u200Fعائشة',
  'ਪੰਜਾਬੀ',
  '😀'.repeat(40),
  ' ',
  '',
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '%',
  '\\',
  '${x}',
]
const ODD_NUMBERS = ['-1', '0', '1e309', '99999999999999999999', 'NaN', '1.5', '0x10', '  7 ', '٣']
const IMPOSSIBLE_DATES = ['2026-02-30', '2026-13-01', '0000-00-00', '31/02/2026', '2026-03-29T01:30', '9999-12-31', '1900-01-01']
const IMPOSSIBLE_TIMES = ['25:00', '12:60', '24:00', '-1:00', '1:30am', '01:30']

type Body = { kind: 'refused' | 'odd'; contentType: string; payload: string | Record<string, string | string[]> }

function bodies(seed: number, csrf: string): Body[] {
  const next = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  const someFields = () => Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(FIELDS))
  const form = (entries: [string, string | string[]][]) => ({ _csrf: csrf, ...Object.fromEntries(entries) })
  const makers: (() => Body)[] = [
    // Refused whole: control characters in a value or a name, JSON, a body over the limit.
    () => ({ kind: 'refused', contentType: 'form', payload: form(someFields().map((f) => [f, `x${pick(CONTROL)}y`])) }),
    () => ({ kind: 'refused', contentType: 'form', payload: form([[`${pick(FIELDS)}${pick(CONTROL)}`, 'value']]) }),
    () => ({
      kind: 'refused',
      contentType: 'application/json',
      payload: JSON.stringify(form(someFields().map((f) => [f, pick(ODD_TEXT)]))),
    }),
    // 1 MB, only in some rounds: the body limit answers 413 at once, but the bytes still travel.
    () => ({
      kind: 'refused',
      contentType: 'form',
      payload: form([[pick(FIELDS), seed % 5 === 0 ? 'a'.repeat(1024 * 1024) : `${pick(CONTROL)}`]]),
    }),
    // Odd but possible: wrong types, repeats, nesting, scripts, zero-width, impossible dates.
    () => ({ kind: 'odd', contentType: 'form', payload: form(someFields().map((f) => [f, [pick(ODD_TEXT), pick(ODD_NUMBERS)]])) }),
    () => ({ kind: 'odd', contentType: 'form', payload: form(someFields().map((f) => [`${f}[a][b]`, pick(ODD_TEXT)])) }),
    () => ({ kind: 'odd', contentType: 'form', payload: form(someFields().map((f) => [f, pick(ODD_TEXT)])) }),
    () => ({
      kind: 'odd',
      contentType: 'form',
      payload: form(someFields().map((f) => [f, pick([...ODD_NUMBERS, ...IMPOSSIBLE_DATES, ...IMPOSSIBLE_TIMES])])),
    }),
    () => ({
      kind: 'odd',
      contentType: 'raw',
      payload: `_csrf=${encodeURIComponent(csrf)}&${pick(FIELDS)}=%E0%A4%A&${pick(FIELDS)}=%&%=%%`,
    }),
    () => ({ kind: 'odd', contentType: 'form', payload: form([]) }),
  ]
  return makers.map((make) => make())
}

/** One checksum per table of what the service keeps (sessions and counters excluded). */
async function rowChecksums(): Promise<Record<string, string>> {
  const { rows } = await testDatabase().pool.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
       and table_name not in ('http_sessions', 'rate_limits', 'agenda_jobs') and table_name not like '%migrations%' order by 1`,
  )
  const sums: Record<string, string> = {}
  for (const { table_name } of rows) {
    const result = await testDatabase().db.execute(
      sql.raw(`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum from "${table_name}" t`),
    )
    sums[table_name] = String((result.rows[0] as { sum: string }).sum)
  }
  return sums
}

/** Every POST-able pattern in paths.ts, with its parameters filled from the demo data. */
async function formUrls(ids: Record<string, number | string>): Promise<string[]> {
  const found = new Set<string>()
  const walk = (node: unknown) => {
    if (typeof node === 'string' && node.startsWith('/')) found.add(node)
    else if (node && typeof node === 'object') Object.values(node).forEach(walk)
  }
  walk(paths)
  return [...found]
    .filter((p) => !/sign-out|\/dev\/outbox|\.csv|\.ics|healthz|readyz|webhooks/.test(p))
    .map((p) => p.replace(/:([A-Za-z]+)/g, (_m, name: string) => encodeURIComponent(String(ids[name] ?? '1'))))
}

describe('malformed bodies to every form (fuzz)', function () {
  this.timeout(900_000)
  const t = useTestApp({ fresh: 'once', seed: () => seedDemoData(testDatabase().db, new Date()) })

  it('never answers 5xx to 5,000 malformed bodies, and changes no row for those refused whole', async () => {
    const one = async (q: string) => String(Object.values((await testDatabase().pool.query(q)).rows[0] ?? { v: '1' })[0])
    const ids: Record<string, number | string> = {
      courseId: await one(
        `select c.id from courses c join programmes p on p.id = c.programme_id where p.booking_mode = 'open' order by c.id limit 1`,
      ).catch(() => '1'),
      sessionId: await one('select id from sessions order by id limit 1'),
      familyId: await one('select id from families order by id limit 1'),
      bookingId: await one(`select id from bookings where status = 'confirmed' order by id limit 1`),
      hubId: await one('select id from hubs order by id limit 1'),
      programmeId: await one('select id from programmes order by id limit 1'),
      userId: await one('select id from staff_users order by id limit 1'),
      childId: await one('select id from children order by id limit 1'),
      slug: await one('select slug from programmes order by id limit 1'),
      childIndex: 0,
      token: 'not-a-real-token',
    }
    const urls = await formUrls(ids)
    const visitor = request.agent(t.app)
    await answerJourney(visitor, Number(ids.courseId))
    const visitorCsrf = await csrfFrom(visitor, paths.manage.findMyBookings)
    const admin = await aStaffUser('admin')
    const staff = await signedIn(t.app, admin.email)
    const staffCsrf = await csrfFrom(staff, paths.staff.account)

    const failures: string[] = []
    const statuses = new Map<number, number>()
    let sent = 0
    const send = async (agent: request.Agent, url: string, body: Body) => {
      let req = agent.post(url)
      if (body.contentType === 'form') req = req.type('form').send(body.payload as object)
      else if (body.contentType === 'raw') req = req.set('Content-Type', 'application/x-www-form-urlencoded').send(body.payload as string)
      else req = req.set('Content-Type', body.contentType).send(body.payload as string)
      const res = await req
      sent++
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      if (res.status >= 500) failures.push(`${body.kind} POST ${url} (${res.status}): ${JSON.stringify(body.payload).slice(0, 160)}`)
      if (body.kind === 'refused' && (res.status < 400 || res.status >= 500)) failures.push(`not refused: POST ${url} (${res.status})`)
    }
    const rounds = Math.ceil(5000 / (urls.length * 2 * 10))
    const run = async (kind: Body['kind']) => {
      for (let round = 0; round < rounds; round++) {
        for (const [index, url] of urls.entries()) {
          const work: Promise<void>[] = []
          for (const [agent, csrf] of [
            [visitor, visitorCsrf],
            [staff, staffCsrf],
          ] as const) {
            for (const body of bodies(round * 10_007 + index, csrf).filter((b) => b.kind === kind)) work.push(send(agent, url, body))
          }
          await Promise.all(work)
        }
      }
    }
    const before = await rowChecksums()
    await run('refused')
    const afterRefused = await rowChecksums()
    expect(afterRefused, 'rows changed by bodies that must be refused whole').to.deep.equal(before)
    await run('odd')
    if (process.env.FUZZ_REPORT) console.log(`sent ${sent} to ${urls.length} forms:`, [...statuses].sort().join(' '))
    expect(failures).to.deep.equal([])
    expect(sent, 'bodies sent').to.be.at.least(5000)
    // Each form answered with refusals and pages, not only one kind of status.
    expect(statuses.get(400) ?? 0, [...statuses].join(' ')).to.be.greaterThan(0)
    expect(statuses.get(415) ?? 0, [...statuses].join(' ')).to.be.greaterThan(0)
    // Capacity held throughout: no course holds more confirmed places than it has.
    const over = await testDatabase().pool.query(
      `select c.id from courses c where (select count(*) from bookings b where b.course_id = c.id and b.status in ('confirmed', 'offered')) > c.capacity and not exists (select 1 from bookings b where b.course_id = c.id and b.overbook_reason is not null)`,
    )
    expect(over.rows, 'courses over capacity').to.deep.equal([])
  })
})
