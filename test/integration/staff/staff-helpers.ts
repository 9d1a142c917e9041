import request from 'supertest'
import * as cheerio from 'cheerio'
import { expect } from 'chai'
import type { Express } from 'express'
import { testDatabase } from '../../support/root-hooks.js'
import { families, sessionFacilitators, staffHubs, staffUsers, type StaffRole } from '../../../src/db/schema/index.js'
import { hashPassword } from '../../../src/services/staff/passwords.js'
import { paths } from '../../../src/paths.js'

export const PASSWORD = 'correct horse battery staple'

let n = 0
/** A staff account with a known password; hub managers get their hubs, facilitators their sessions. */
export async function aStaffUser(
  role: StaffRole,
  options: { hubIds?: number[]; sessionIds?: number[]; email?: string; name?: string } = {},
) {
  n += 1
  const db = testDatabase().db
  const [user] = await db
    .insert(staffUsers)
    .values({
      email: options.email ?? `${role}-${n}@hub.example`,
      name: options.name ?? `${role} ${n}`,
      role,
      passwordHash: await hashPassword(PASSWORD),
    })
    .returning()
  if (options.hubIds?.length) await db.insert(staffHubs).values(options.hubIds.map((hubId) => ({ staffUserId: user!.id, hubId })))
  if (options.sessionIds?.length)
    await db.insert(sessionFacilitators).values(options.sessionIds.map((sessionId) => ({ sessionId, staffUserId: user!.id })))
  return user!
}

/** The CSRF token from a page's first form, as a browser would send it. */
export async function csrfFrom(agent: request.Agent, path: string): Promise<string> {
  const res = await agent.get(path)
  const token = cheerio.load(res.text)('input[name=_csrf]').first().val()
  expect(token, `a CSRF token on ${path} (status ${res.status})`).to.be.a('string')
  return token as string
}

/** A browser-like agent signed in as this user. */
export async function signedIn(app: Express, email: string, password = PASSWORD): Promise<request.Agent> {
  const agent = request.agent(app)
  const _csrf = await csrfFrom(agent, paths.staff.signIn)
  const res = await agent.post(paths.staff.signIn).type('form').send({ _csrf, email, password })
  expect(res.status, `sign-in as ${email}: ${res.text.slice(0, 200)}`).to.equal(302)
  return agent
}

/** POST a form with the CSRF token taken from `formPage` (default: the staff account page). */
export async function postForm(
  agent: request.Agent,
  path: string,
  body: Record<string, string | string[]>,
  formPage: string = paths.staff.account,
) {
  const _csrf = await csrfFrom(agent, formPage)
  return agent
    .post(path)
    .type('form')
    .send({ _csrf, ...body })
}

/** A family record as an online booking would leave it. */
export async function aFamily(overrides: Partial<typeof families.$inferInsert> = {}) {
  n += 1
  const [family] = await testDatabase()
    .db.insert(families)
    .values({
      parentName: `Parent ${n}`,
      email: `parent-${n}@example.com`,
      phone: `+4479111234${String(n % 100).padStart(2, '0')}`,
      contactByEmail: true,
      ...overrides,
    })
    .returning()
  return family!
}

/** The text of a page's error summary and notification banner, for assertions. */
export function messagesOn(html: string): string {
  const $ = cheerio.load(html)
  return `${$('.govuk-error-summary').text()} ${$('.govuk-notification-banner').text()}`.replace(/\s+/g, ' ')
}
