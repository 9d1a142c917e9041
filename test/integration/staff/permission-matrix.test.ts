import { expect } from 'chai'
import request from 'supertest'
import * as cheerio from 'cheerio'
import type { Express } from 'express'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub } from '../../support/builders.js'
import { bookings, children, type StaffRole } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { aFamily, aStaffUser, csrfFrom, signedIn } from './staff-helpers.js'

type Role = StaffRole
const A: Role = 'admin'
const M: Role = 'hub_manager'
const R: Role = 'reception'
const F: Role = 'facilitator'
const everyone: Role[] = [A, M, R, F]

interface Fixtures {
  hubA: number
  hubB: number
  courseA: number
  courseB: number
  sessionA: number
  sessionB: number
  familyId: number
  childId: number
  bookingA: number
  bookingB: number
  staffUserId: number
}

/** Every staff route and action, and the roles that may use it (on these fixtures). */
function matrix(f: Fixtures): { method: 'get' | 'post'; path: string; body?: Record<string, string>; allowed: Role[] }[] {
  return [
    { method: 'get', path: paths.staff.home, allowed: everyone },
    { method: 'get', path: paths.staff.account, allowed: everyone },
    { method: 'get', path: paths.staff.mySessions, allowed: everyone },
    { method: 'get', path: paths.staff.families.index, allowed: [A, M, R] },
    { method: 'get', path: `${paths.staff.families.index}?q=Parent`, allowed: [A, M, R] },
    { method: 'get', path: paths.staff.families.new, allowed: [A, M, R] },
    { method: 'post', path: paths.staff.families.new, allowed: [A, M, R] },
    { method: 'get', path: paths.staff.families.show(f.familyId), allowed: [A, M, R] },
    { method: 'get', path: paths.staff.families.edit(f.familyId), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.families.edit(f.familyId), allowed: [A, M, R] },
    { method: 'get', path: paths.staff.families.consent(f.familyId), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.families.consent(f.familyId), allowed: [A, M, R] },
    { method: 'get', path: paths.staff.families.referral(f.familyId), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.families.referral(f.familyId), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.families.children(f.familyId), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.families.removeChild(f.familyId, f.childId), allowed: [A, M, R] },
    { method: 'get', path: paths.staff.families.book(f.familyId), allowed: [A, M, R] },
    {
      method: 'post',
      path: paths.staff.families.book(f.familyId),
      body: { courseId: String(f.courseA), action: 'waiting' },
      allowed: [A, M, R],
    },
    {
      method: 'post',
      path: paths.staff.families.book(f.familyId),
      body: { courseId: String(f.courseB), action: 'waiting' },
      allowed: [A, R],
    },
    {
      method: 'post',
      path: paths.staff.families.book(f.familyId),
      body: { courseId: String(f.courseA), action: 'overbook', overbookReason: 'Urgent' },
      allowed: [A, M],
    },
    { method: 'get', path: paths.staff.bookings.show(f.bookingA), allowed: [A, M, R] },
    { method: 'get', path: paths.staff.bookings.show(f.bookingB), allowed: [A, R] },
    { method: 'get', path: paths.staff.bookings.change(f.bookingA), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.bookings.change(f.bookingA), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.bookings.resend(f.bookingA), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.bookings.promote(f.bookingA), allowed: [A, M, R] },
    { method: 'post', path: paths.staff.bookings.cancel(f.bookingB), allowed: [A, R] },
    { method: 'post', path: paths.staff.bookings.cancel(f.bookingA), allowed: [A, M, R] },
    { method: 'get', path: paths.staff.sessions.register(f.sessionA), allowed: [A, M, F] },
    { method: 'get', path: paths.staff.sessions.register(f.sessionB), allowed: [A] },
    { method: 'get', path: paths.staff.sessions.csv(f.sessionA), allowed: [A, M, F] },
    { method: 'get', path: paths.staff.sessions.csv(f.sessionB), allowed: [A] },
    { method: 'post', path: paths.staff.sessions.attendance(f.sessionA), allowed: [A, M, F] },
    { method: 'post', path: paths.staff.sessions.attendance(f.sessionB), allowed: [A] },
    { method: 'get', path: paths.staff.sessions.walkIn(f.sessionA), allowed: [A, M, F] },
    { method: 'post', path: paths.staff.sessions.walkIn(f.sessionA), allowed: [A, M, F] },
    { method: 'get', path: paths.staff.hubs.index, allowed: [A, M] },
    { method: 'get', path: paths.staff.hubs.new, allowed: [A] },
    { method: 'post', path: paths.staff.hubs.new, allowed: [A] },
    { method: 'get', path: paths.staff.hubs.edit(f.hubA), allowed: [A, M] },
    { method: 'post', path: paths.staff.hubs.edit(f.hubA), allowed: [A, M] },
    { method: 'get', path: paths.staff.hubs.edit(f.hubB), allowed: [A] },
    { method: 'get', path: paths.staff.programmes.index, allowed: [A, M] },
    { method: 'get', path: paths.staff.programmes.new, allowed: [A, M] },
    { method: 'post', path: paths.staff.programmes.new, allowed: [A, M] },
    { method: 'get', path: paths.staff.courses.index, allowed: [A, M] },
    { method: 'get', path: paths.staff.courses.new, allowed: [A, M] },
    { method: 'post', path: paths.staff.courses.new, allowed: [A, M] },
    { method: 'get', path: paths.staff.courses.newDropIn, allowed: [A, M] },
    { method: 'get', path: paths.staff.courses.show(f.courseA), allowed: [A, M] },
    { method: 'get', path: paths.staff.courses.show(f.courseB), allowed: [A] },
    { method: 'post', path: paths.staff.courses.capacity(f.courseA), allowed: [A, M] },
    { method: 'post', path: paths.staff.courses.capacity(f.courseB), allowed: [A] },
    { method: 'post', path: paths.staff.courses.bookingOpen(f.courseA), body: { open: 'true' }, allowed: [A, M] },
    { method: 'post', path: paths.staff.courses.facilitators(f.courseA), body: { facilitators: String(f.staffUserId) }, allowed: [A, M] },
    { method: 'get', path: paths.staff.sessions.move(f.sessionA), allowed: [A, M] },
    { method: 'post', path: paths.staff.sessions.move(f.sessionA), allowed: [A, M] },
    { method: 'post', path: paths.staff.sessions.facilitators(f.sessionA), body: { facilitators: String(f.staffUserId) }, allowed: [A, M] },
    { method: 'get', path: paths.staff.sessions.cancel(f.sessionB), allowed: [A] },
    { method: 'get', path: paths.staff.sessions.cancel(f.sessionA), allowed: [A, M] },
    { method: 'post', path: paths.staff.sessions.cancel(f.sessionA), allowed: [A, M] },
    { method: 'get', path: paths.staff.dashboard, allowed: [A, M] },
    { method: 'get', path: paths.staff.reports.index, allowed: [A, M] },
    { method: 'get', path: `${paths.staff.reports.index}?hub=${f.hubA}`, allowed: [A, M] },
    { method: 'get', path: `${paths.staff.reports.index}?hub=${f.hubB}`, allowed: [A] },
    { method: 'get', path: paths.staff.reports.csv('attendance-by-period', `hub=${f.hubA}`), allowed: [A, M] },
    { method: 'get', path: paths.staff.reports.csv('attendance-by-period', `hub=${f.hubB}`), allowed: [A] },
    { method: 'get', path: paths.staff.users.index, allowed: [A] },
    { method: 'get', path: paths.staff.users.new, allowed: [A] },
    { method: 'post', path: paths.staff.users.new, allowed: [A] },
    { method: 'get', path: paths.staff.users.edit(f.staffUserId), allowed: [A] },
    { method: 'post', path: paths.staff.users.edit(f.staffUserId), allowed: [A] },
    { method: 'get', path: paths.staff.audit, allowed: [A] },
    // Subject access, admins only; the erasure last, since it closes the family's record.
    { method: 'get', path: paths.staff.families.export(f.familyId), allowed: [A] },
    { method: 'post', path: paths.staff.families.export(f.familyId), body: { reason: 'Request by email' }, allowed: [A] },
    { method: 'get', path: paths.staff.families.erase(f.familyId), allowed: [A] },
    { method: 'post', path: paths.staff.families.erase(f.familyId), body: { reason: 'Request by email', confirm: 'yes' }, allowed: [A] },
  ]
}

async function fixtures(): Promise<Fixtures> {
  const hubA = await aHub()
  const hubB = await aHub()
  const a = await aCourse({ hubId: hubA.id, capacity: 1 })
  const b = await aCourse({ hubId: hubB.id, capacity: 5 })
  const family = await aFamily()
  const [child] = await testDatabase().db.insert(children).values({ familyId: family.id, firstName: 'Kid' }).returning()
  const place = (courseId: number, n: number) => ({
    reference: `FH-MTRX-${n}`,
    courseId,
    familyId: family.id,
    status: 'confirmed' as const,
    manageNonce: `x${n}`,
    manageTokenHash: `xh${n}`,
  })
  const [bookingA] = await testDatabase().db.insert(bookings).values(place(a.course.id, 1)).returning()
  const [bookingB] = await testDatabase().db.insert(bookings).values(place(b.course.id, 2)).returning()
  const other = await aStaffUser('facilitator')
  return {
    hubA: hubA.id,
    hubB: hubB.id,
    courseA: a.course.id,
    courseB: b.course.id,
    sessionA: a.sessions[0]!.id,
    sessionB: b.sessions[0]!.id,
    familyId: family.id,
    childId: child!.id,
    bookingA: bookingA!.id,
    bookingB: bookingB!.id,
    staffUserId: other.id,
  }
}

async function call(agent: request.Agent, route: ReturnType<typeof matrix>[number], csrf: string) {
  return route.method === 'get'
    ? agent.get(route.path)
    : agent
        .post(route.path)
        .type('form')
        .send({ _csrf: csrf, ...(route.body ?? {}) })
}

describe('permission matrix: every staff route and action for every role', () => {
  const t = useTestApp()

  for (const role of everyone) {
    it(`gives ${role} exactly the routes and actions of that role, and 403 for the rest`, async function () {
      this.timeout(120_000)
      const { app } = t
      const f = await fixtures()
      const user = await aStaffUser(
        role,
        role === 'hub_manager' ? { hubIds: [f.hubA] } : role === 'facilitator' ? { sessionIds: [f.sessionA] } : {},
      )
      const agent = await signedIn(app, user.email)
      const csrf = await csrfFrom(agent, paths.staff.account)
      const wrong: string[] = []
      for (const route of matrix(f)) {
        const res = await call(agent, route, csrf)
        const allowed = route.allowed.includes(role)
        const refused = res.status === 403
        const signedOut = res.status === 302 && res.headers.location === paths.staff.signIn
        if (res.status >= 500 || signedOut || allowed === refused)
          wrong.push(
            `${route.method.toUpperCase()} ${route.path} ${JSON.stringify(route.body ?? {})}: ${res.status}${allowed ? ' (should be allowed)' : ' (should be 403)'}`,
          )
      }
      expect(wrong, wrong.join('\n')).to.deep.equal([])
    })
  }

  it('sends a signed-out visitor to sign in for every route and action', async function () {
    this.timeout(120_000)
    const { app } = t
    const f = await fixtures()
    const agent = request.agent(app as Express)
    const page = await agent.get(paths.staff.signIn)
    const csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string
    const wrong: string[] = []
    for (const route of matrix(f)) {
      const res = await call(agent, route, csrf)
      if (res.status !== 302 || res.headers.location !== paths.staff.signIn)
        wrong.push(`${route.method.toUpperCase()} ${route.path}: ${res.status}`)
    }
    expect(wrong, wrong.join('\n')).to.deep.equal([])
  })
})
