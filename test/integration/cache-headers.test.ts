import { expect } from 'chai'
import request from 'supertest'
import { useTestApp } from '../support/use-test-app.js'
import { aCourse, weekly } from '../support/builders.js'
import { answerJourney, confirmFields } from '../support/booking-helpers.js'
import { paths } from '../../src/paths.js'

describe('caching and security headers on private and probe responses', () => {
  const t = useTestApp()

  it('never lets the confirmation page (it shows the manage link) or any booking step be stored', async () => {
    const { course } = await aCourse({ capacity: 5, sessions: weekly('2031-03-04', 2) })
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id)
    expect(check.headers['cache-control']).to.equal('no-store')
    const details = await agent.get(paths.booking.yourDetails(course.id)).expect(200)
    expect(details.headers['cache-control']).to.equal('no-store')
    await agent.post(paths.booking.check(course.id)).type('form').send(confirmFields(check.text)).expect(302)
    const confirmation = await agent.get(paths.booking.confirmation(course.id)).expect(200)
    expect(confirmation.headers['cache-control']).to.equal('no-store')
  })

  it('never lets "find my bookings" or a manage page be stored', async () => {
    const form = await request(t.app).get(paths.manage.findMyBookings).expect(200)
    expect(form.headers['cache-control']).to.equal('no-store')
    const sent = await request(t.app).get(paths.manage.findMyBookingsSent).expect(200)
    expect(sent.headers['cache-control']).to.equal('no-store')
    const unknown = await request(t.app).get(paths.manage.show('not-a-real-token')).expect(404)
    expect(unknown.headers['cache-control']).to.equal('no-store')
  })

  it('leaves public catalogue pages cacheable by revalidation (no no-store)', async () => {
    const home = await request(t.app).get('/').expect(200)
    expect(home.headers['cache-control'] ?? '').not.to.contain('no-store')
  })

  it('sends nosniff, a referrer policy and no-store on /healthz and /readyz', async () => {
    for (const path of [paths.healthz, paths.readyz]) {
      const res = await request(t.app).get(path).expect(200)
      expect(res.headers['x-content-type-options'], path).to.equal('nosniff')
      expect(res.headers['referrer-policy'], path).to.equal('no-referrer')
      expect(res.headers['cache-control'], path).to.equal('no-store')
    }
  })
})
