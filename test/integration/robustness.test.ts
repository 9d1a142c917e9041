import { expect } from 'chai'
import request from 'supertest'
import { useTestApp } from '../support/use-test-app.js'
import { testDatabase } from '../support/root-hooks.js'
import { seedDemoData } from '../../src/cli/demo-data/demo-data.js'
import { paths } from '../../src/paths.js'
import { aStaffUser, csrfFrom, signedIn } from './staff/staff-helpers.js'

/** Every URL pattern in paths.ts (strings starting with "/"), found by walking the object. */
function allPatterns(node: unknown, found = new Set<string>()): Set<string> {
  if (typeof node === 'string' && node.startsWith('/')) found.add(node)
  else if (node && typeof node === 'object') for (const value of Object.values(node)) allPatterns(value, found)
  return found
}

const oddValues = ['1', 'abc', '99999999999999999999', "1' or '1'='1", '-1', '%00']

/** Each pattern with its parameters filled in with ordinary and odd values. */
function urlsFor(pattern: string): string[] {
  if (!pattern.includes(':')) return [pattern]
  return oddValues.map((value) => pattern.replace(/:[A-Za-z]+/g, encodeURIComponent(value)))
}

const garbageForm = {
  email: 'not an email',
  phone: '12',
  fullName: '<script>alert(1)</script>'.repeat(50),
  password: '',
  capacity: '-5',
  date: '2026-02-31',
  startTime: '25:61',
  courseId: 'abc',
  sessionId: '1e9',
  status: 'nonsense',
  'status[1]': 'attended',
  reason: "'; drop table bookings; --",
  q: '%_\\',
  weeks: '1000000',
  role: 'emperor',
}

/**
 * Bad input gets a clear 4xx, never a 500: every route the service has, anonymous and as an
 * admin, with odd ids and a form of nonsense (with a valid CSRF token, so it reaches the handler).
 */
describe('every route, with odd ids and nonsense forms', function () {
  this.timeout(300_000)
  const t = useTestApp({ fresh: 'once', seed: () => seedDemoData(testDatabase().db, new Date()) })
  const patterns = [...allPatterns(paths)].filter((p) => !p.includes('sign-out') && !p.includes('/dev/outbox'))

  it('never answers 500 to anyone', async () => {
    const statuses = new Map<number, number>()
    const admin = await aStaffUser('admin')
    const staff = await signedIn(t.app, admin.email)
    const staffToken = await csrfFrom(staff, paths.staff.account)
    const visitor = request.agent(t.app)
    const visitorToken = await csrfFrom(visitor, paths.manage.findMyBookings)
    const failures: string[] = []
    for (const pattern of patterns) {
      for (const url of urlsFor(pattern)) {
        for (const [who, agent, token] of [
          ['visitor', visitor, visitorToken],
          ['admin', staff, staffToken],
        ] as const) {
          const got = await agent.get(url)
          statuses.set(got.status, (statuses.get(got.status) ?? 0) + 1)
          if (got.status >= 500) failures.push(`${who} GET ${url}: ${got.status}`)
          const posted = await agent
            .post(url)
            .type('form')
            .send({ _csrf: token, ...garbageForm })
          statuses.set(posted.status, (statuses.get(posted.status) ?? 0) + 1)
          if (posted.status >= 500) failures.push(`${who} POST ${url}: ${posted.status}`)
        }
      }
    }
    expect(failures).to.deep.equal([])
    // Most answers are pages, refusals and "not found"; some forms were accepted and redirected.
    expect(statuses.get(200), `statuses: ${[...statuses].join(' ')}`).to.be.greaterThan(0)
    expect(statuses.get(400) ?? 0, `statuses: ${[...statuses].join(' ')}`).to.be.greaterThan(0)
    expect(patterns.length, 'routes walked').to.be.greaterThan(40)
    // The walk ran as an admin all the way (nothing above signed the agent out).
    expect((await staff.get(paths.staff.home)).status).to.equal(200)
  })
})
