import { expect } from 'chai'
import request from 'supertest'
import { useEmptyDatabase } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, weekly } from '../../support/builders.js'
import { answerJourney, confirmFields } from '../../support/booking-helpers.js'
import { bookings } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'

/** One family's whole journey from a fresh browser: 7 form posts with one child, then the booking. */
async function bookAsNewFamily(app: Parameters<typeof request.agent>[0], courseId: number, email?: string) {
  const agent = request.agent(app)
  const check = await answerJourney(agent, courseId, { email, children: [{ firstName: 'Zara', ageKind: 'age', ageYears: '3' }] })
  return agent.post(paths.booking.check(courseId)).type('form').send(confirmFields(check.text))
}

describe('booking rate limits (one shared address, as on a family hub Wi-Fi)', () => {
  useEmptyDatabase()

  it('books 20 families one after another from the same address with the default limits', async () => {
    const { app } = await buildTestApp()
    const { course } = await aCourse({ capacity: 25, sessions: weekly('2031-03-04', 2) })
    for (let family = 1; family <= 20; family++) {
      const booked = await bookAsNewFamily(app, course.id)
      expect(booked.status, `family ${family}`).to.equal(302)
      expect(booked.headers.location).to.equal(paths.booking.confirmation(course.id))
    }
    expect(await testDatabase().db.select().from(bookings)).to.have.length(20)
  })

  it('stops an address that has made as many bookings as allowed this hour, with the 429 page', async () => {
    const { app } = await buildTestApp({ RATE_LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR: '3' })
    const { course } = await aCourse({ capacity: 10, sessions: weekly('2031-03-04', 1) })
    for (let family = 1; family <= 3; family++) expect((await bookAsNewFamily(app, course.id)).status).to.equal(302)
    const blocked = await bookAsNewFamily(app, course.id)
    expect(blocked.status).to.equal(429)
    expect(Number(blocked.headers['retry-after'])).to.be.greaterThan(0)
    expect(blocked.text).to.contain('too many attempts').and.contain('govuk-footer')
    expect(await testDatabase().db.select().from(bookings)).to.have.length(3)
  })

  it('stops one email address booking over and over, from any address, with the 429 page', async () => {
    const { app } = await buildTestApp({ RATE_LIMIT_BOOKINGS_PER_CONTACT_PER_DAY: '2' })
    const courses = await Promise.all([1, 2, 3].map(() => aCourse({ sessions: weekly('2031-03-04', 1) })))
    for (const { course } of courses.slice(0, 2)) expect((await bookAsNewFamily(app, course.id, 'same@example.com')).status).to.equal(302)
    const blocked = await bookAsNewFamily(app, courses[2]!.course.id, 'SAME@example.com')
    expect(blocked.status).to.equal(429)
    expect(blocked.text).to.contain('too many attempts')
    // Someone else at the same address still books.
    expect((await bookAsNewFamily(app, courses[2]!.course.id, 'other@example.com')).status).to.equal(302)
    expect(await testDatabase().db.select().from(bookings)).to.have.length(3)
  })
})
