import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, errorsOn, submitForm } from '../../support/booking-helpers.js'
import { paths } from '../../../src/paths.js'
import { hashToken } from '../../../src/services/tokens.js'
import { accessLinkToken, findMyBookingsUrl } from '../../../src/services/booking/access-link-tokens.js'

describe('find my bookings', () => {
  const t = useTestApp()

  const rows = async (table: 'access_links' | 'notifications') =>
    (await testDatabase().db.execute<Record<string, unknown>>(sql.raw(`select * from ${table} order by 1`))).rows

  it('answers the same whether or not the address has bookings', async () => {
    const { course } = await aCourse()
    await t.services.booking.book(aBookingRequest(course.id, { family: aNewFamily({ email: 'known@example.com' }) }))
    await resetNotifications()
    const known = await submitForm(request.agent(t.app), paths.manage.findMyBookings, { email: 'Known@Example.com' })
    const unknown = await submitForm(request.agent(t.app), paths.manage.findMyBookings, { email: 'nobody@example.com' })
    expect(known.headers.location).to.equal(paths.manage.findMyBookingsSent)
    expect(unknown.headers.location).to.equal(paths.manage.findMyBookingsSent)
    const page = await request(t.app).get(paths.manage.findMyBookingsSent).expect(200)
    expect(page.text).to.contain('If we have bookings for that address, we have sent a link')
    // Only the known address gets a link (its hash stored) and an email in the outbox.
    const links = await rows('access_links')
    expect(links).to.have.length(1)
    expect(links[0]).to.include({ email: 'known@example.com' })
    const messages = await rows('notifications')
    expect(messages).to.have.length(1)
    expect(messages[0]).to.include({ kind: 'find_my_bookings', channel: 'email', recipient: 'known@example.com', state: 'scheduled' })
    const nonce = (messages[0]!.payload as { nonce: string }).nonce
    expect(links[0]!.token_hash).to.equal(hashToken(accessLinkToken(t.config.sessionSecret, nonce)))
    expect(JSON.stringify(links)).not.to.contain(accessLinkToken(t.config.sessionSecret, nonce))
    expect(findMyBookingsUrl(t.config, nonce)).to.equal(
      `${t.config.baseUrl}${paths.manage.findMyBookingsLink(accessLinkToken(t.config.sessionSecret, nonce))}`,
    )
  })

  it('checks the address like GOV.UK forms do', async () => {
    const agent = request.agent(t.app)
    await submitForm(agent, paths.manage.findMyBookings, { email: '' })
    expect(errorsOn((await agent.get(paths.manage.findMyBookings)).text).summary).to.deep.equal(['Enter your email address'])
    await submitForm(agent, paths.manage.findMyBookings, { email: 'not an email' })
    expect(errorsOn((await agent.get(paths.manage.findMyBookings)).text).summary).to.deep.equal([
      'Enter an email address in the correct format, like name@example.com',
    ])
  })

  it('opens a list of every booking for the address, each with its manage link, for an hour', async () => {
    const one = await aCourse()
    const two = await aCourse({ capacity: 0 })
    const family = aNewFamily({ email: 'list@example.com' })
    const first = await t.services.booking.book(aBookingRequest(one.course.id, { family }))
    const second = await t.services.booking.joinWaitingList(aBookingRequest(two.course.id, { family: { ...family, phone: null } }))
    await t.services.booking.book(aBookingRequest(one.course.id))
    await t.services.findMyBookings.requestLink('list@example.com')
    const [message] = (await rows('notifications')).filter((row) => row.kind === 'find_my_bookings')
    const token = accessLinkToken(t.config.sessionSecret, (message!.payload as { nonce: string }).nonce)
    const page = await request(t.app).get(paths.manage.findMyBookingsLink(token)).expect(200)
    const $ = cheerio.load(page.text)
    expect($('.govuk-summary-card')).to.have.length(2)
    if (first.outcome !== 'confirmed' || second.outcome !== 'waiting') throw new Error('setup')
    expect($(`a[href="${paths.manage.show(first.manageToken)}"]`)).to.have.length(1)
    expect($(`a[href="${paths.manage.show(second.manageToken)}"]`)).to.have.length(1)

    await testDatabase().db.execute(sql`update access_links set expires_at = now() - interval '1 second'`)
    const expired = await request(t.app).get(paths.manage.findMyBookingsLink(token)).expect(404)
    expect(expired.text).to.contain('Links to your bookings work for one hour')
    await request(t.app)
      .get(paths.manage.findMyBookingsLink('x'.repeat(43)))
      .expect(404)
  })

  it('limits requests for one address, with a 429 page', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_FIND_MY_BOOKINGS: '2' })
    const agent = request.agent(limited.app)
    for (let i = 0; i < 2; i++)
      expect((await submitForm(agent, paths.manage.findMyBookings, { email: 'a@example.com' })).status).to.equal(302)
    const blocked = await submitForm(agent, paths.manage.findMyBookings, { email: 'a@example.com' })
    expect(blocked.status).to.equal(429)
    expect(blocked.text).to.contain('too many attempts')
  })

  async function resetNotifications() {
    await testDatabase().db.execute(sql`delete from notifications`)
  }
})
