import { expect } from 'chai'
import request from 'supertest'
import { routeTestApp } from '../../support/route-harness.js'
import { errorsOn, submitForm } from '../../support/booking-helpers.js'
import { paths } from '../../../src/paths.js'

describe('"Find my bookings" form on fake services', () => {
  it('shows the form again as a 400 with the error and the typed value, and sends nothing', async () => {
    // No findMyBookings or rateLimits service: calling either would answer 500.
    const agent = request.agent(routeTestApp())
    const posted = await submitForm(agent, paths.manage.findMyBookings, { email: 'amira at example' })
    expect(posted.status).to.equal(302)
    expect(posted.headers.location).to.equal(paths.manage.findMyBookings)

    const again = await agent.get(paths.manage.findMyBookings).expect(400)
    expect(errorsOn(again.text).summary).to.deep.equal(['Enter an email address in the correct format, like name@example.com'])
    expect(again.text).to.contain('value="amira at example"')
  })

  it('sends the link for a well-formed address once the rate limits allow it', async () => {
    const requested: string[] = []
    const allow = { hit: async () => ({ allowed: true, retryAfterSeconds: 0 }) }
    const agent = request.agent(
      routeTestApp({
        rateLimits: { findMyBookings: allow, bookingPosts: allow },
        findMyBookings: { requestLink: async (email: string) => void requested.push(email) },
      }),
    )
    const posted = await submitForm(agent, paths.manage.findMyBookings, { email: ' Amira@Example.com ' })
    expect(posted.headers.location).to.equal(paths.manage.findMyBookingsSent)
    expect(requested).to.deep.equal(['amira@example.com'])
  })
})
