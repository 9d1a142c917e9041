import { expect } from 'chai'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { aCourse } from '../../support/builders.js'
import request from 'supertest'
import { aBookingRequest, answerJourney, confirmFields, courseRow, statusCounts } from '../../support/booking-helpers.js'
import { paths } from '../../../src/paths.js'

/**
 * The capacity invariant under load. CI runs this file against the PostgreSQL server (where
 * transactions really do run at the same time) and on the embedded database.
 */
describe('capacity under concurrent booking', function () {
  this.timeout(240_000)
  const t = useTestApp()

  it('gives exactly 10 places to 200 families booking a 10-place session at once, and offers the rest the waiting list', async () => {
    const { course } = await aCourse({ capacity: 10 })
    const attempts = Array.from({ length: 200 }, () => t.services.booking.book(aBookingRequest(course.id)))
    const results = await Promise.allSettled(attempts)
    const errors = results.filter((r) => r.status === 'rejected')
    expect(errors, 'no attempt fails with an error').to.have.length(0)
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : 'error'))
    expect(outcomes.filter((o) => o === 'confirmed')).to.have.length(10)
    expect(
      outcomes.filter((o) => o === 'full'),
      'the rest are told it is full (the journey then offers the waiting list)',
    ).to.have.length(190)
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 10 })
    expect((await courseRow(course.id)).placesTaken).to.equal(10)
  })

  it('queues everyone past the 10th when 200 families ask for a place or the waiting list at once, in a single order', async () => {
    const { course } = await aCourse({ capacity: 10 })
    const results = await Promise.all(Array.from({ length: 200 }, () => t.services.booking.joinWaitingList(aBookingRequest(course.id))))
    expect(results.filter((r) => r.outcome === 'confirmed')).to.have.length(10)
    const positions = results.flatMap((r) => (r.outcome === 'waiting' ? [r.position] : []))
    expect(positions).to.have.length(190)
    expect(new Set(positions).size, 'every family gets its own place in the queue').to.equal(190)
    expect((await courseRow(course.id)).placesTaken).to.equal(10)
  })

  it('gives exactly 5 places to 30 parents pressing "Book your place" at once through the web pages, and sends the rest to the waiting list offer', async () => {
    // Every test agent comes from 127.0.0.1: lift the per-address limit for this one.
    const web = await buildTestApp({ RATE_LIMIT_BOOKING_POSTS: '100000' })
    const { course } = await aCourse({ capacity: 5 })
    const parents = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const agent = request.agent(web.app)
        const check = await answerJourney(agent, course.id)
        return { agent, fields: confirmFields(check.text) }
      }),
    )
    const responses = await Promise.all(
      parents.map(({ agent, fields }) => agent.post(paths.booking.check(course.id)).type('form').send(fields)),
    )
    expect(
      responses.map((r) => r.status).filter((status) => status !== 302),
      'no errors',
    ).to.deep.equal([])
    const locations = responses.map((r) => r.headers.location as string)
    expect(locations.filter((l) => l === paths.booking.confirmation(course.id))).to.have.length(5)
    expect(locations.filter((l) => l === paths.booking.full(course.id))).to.have.length(25)
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 5 })
  })
})
