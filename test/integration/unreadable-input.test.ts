import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../support/use-test-app.js'
import { aCourse, weekly } from '../support/builders.js'
import { answerJourney } from '../support/booking-helpers.js'
import { paths } from '../../src/paths.js'
import { aStaffUser, csrfFrom, signedIn } from './staff/staff-helpers.js'

const NUL = '\u0000'
const problem = (html: string) => cheerio.load(html)('main').text()

describe('input with control characters, or not sent as a form', () => {
  const t = useTestApp()

  it('answers an address holding NUL, or %-escapes that do not decode, with a 400 and words to act on', async () => {
    for (const url of ['/programmes/%00', '/hubs/%00', '/courses/%00', '/programmes/a%1Fb', '/hubs/%E0%A4%A', '/?q=toilet%00']) {
      const res = await request(t.app).get(url)
      expect(res.status, url).to.equal(400)
      expect(problem(res.text), url).to.contain('characters we cannot accept')
    }
  })

  it('refuses NUL in every step of the booking journey, and the journey goes on afterwards', async () => {
    const { course } = await aCourse({ capacity: 5, sessions: weekly('2031-03-04', 2) })
    const agent = request.agent(t.app)
    await answerJourney(agent, course.id)
    const _csrf = await csrfFrom(agent, paths.booking.yourDetails(course.id))
    const steps: [string, Record<string, string>][] = [
      [paths.booking.yourDetails(course.id), { fullName: `Sam${NUL}`, email: 'sam@example.com' }],
      [paths.booking.contact(course.id), { contactBy: `email${NUL}` }],
      [paths.booking.addChild(course.id), { firstName: `Zara${NUL}`, ageKind: 'age', ageYears: '3' }],
      [paths.booking.support(course.id), { support: 'other', otherSupport: `a${NUL}b` }],
      [paths.booking.check(course.id), { requestKey: `k${NUL}` }],
    ]
    for (const [url, fields] of steps) {
      const res = await agent
        .post(url)
        .type('form')
        .send({ _csrf, ...fields })
      expect(res.status, url).to.equal(400)
      expect(problem(res.text), url).to.contain('characters we cannot accept')
    }
    // The session was not broken by the refused answers.
    await agent.get(paths.booking.check(course.id)).expect(200)
  })

  it('refuses NUL in "find my bookings" and staff sign-in', async () => {
    const agent = request.agent(t.app)
    const _csrf = await csrfFrom(agent, paths.manage.findMyBookings)
    await agent
      .post(paths.manage.findMyBookings)
      .type('form')
      .send({ _csrf, email: `a${NUL}@example.com` })
      .expect(400)
    const user = await aStaffUser('admin')
    const staffCsrf = await csrfFrom(agent, paths.staff.signIn)
    await agent
      .post(paths.staff.signIn)
      .type('form')
      .send({ _csrf: staffCsrf, email: user.email, password: `x${NUL}` })
      .expect(400)
    // A field name with a control character is refused too.
    await agent
      .post(paths.manage.findMyBookings)
      .type('form')
      .send({ _csrf, ['e\u0001mail']: 'a@example.com' })
      .expect(400)
  })

  it('refuses NUL in staff forms (a family’s child, a programme)', async () => {
    const admin = await aStaffUser('admin')
    const staff = await signedIn(t.app, admin.email)
    const _csrf = await csrfFrom(staff, paths.staff.account)
    await staff
      .post(paths.staff.programmes.new)
      .type('form')
      .send({ _csrf, title: `Toilet training${NUL}` })
      .expect(400)
  })

  it('answers 415 to JSON or other bodies sent to a form address, and still reads an empty form', async () => {
    const agent = request.agent(t.app)
    const _csrf = await csrfFrom(agent, paths.manage.findMyBookings)
    const json = await agent
      .post(paths.manage.findMyBookings)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ _csrf, email: 'a@example.com' }))
    expect(json.status).to.equal(415)
    expect(problem(json.text)).to.contain('only accepts a form')
    const empty = await agent.post(paths.manage.findMyBookings).set('x-csrf-token', _csrf)
    expect(empty.status).to.be.within(400, 499)
  })

  it('accepts right-to-left and zero-width characters, which real names and addresses contain', async () => {
    const { course } = await aCourse({ capacity: 5, sessions: weekly('2031-03-04', 2) })
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id, { fullName: '\u200Fعائشة خان\u200B' })
    expect(check.text).to.contain('عائشة خان')
  })
})
