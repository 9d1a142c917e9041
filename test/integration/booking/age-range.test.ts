import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { DateTime } from 'luxon'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme, weekly } from '../../support/builders.js'
import { answerJourney, confirmFields } from '../../support/booking-helpers.js'
import { bookings } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'

/** A date of birth as the three fields, `years` before the course's first session. */
function bornYearsBefore(firstSession: string, years: number) {
  const date = DateTime.fromISO(firstSession).minus({ years })
  return {
    ageKind: 'dateOfBirth',
    dateOfBirthDay: String(date.day),
    dateOfBirthMonth: String(date.month),
    dateOfBirthYear: String(date.year),
  }
}

describe('booking journey: who the course is for', () => {
  const t = useTestApp()
  // Soon, so that the dates of birth are in the past.
  const FIRST = DateTime.now().setZone('Europe/London').plus({ days: 30 }).toISODate()!

  async function threeToSixCourse() {
    const programme = await aProgramme({ childAgeFromMonths: 36, childAgeToMonths: 72 })
    return (await aCourse({ programmeId: programme.id, capacity: 5, sessions: weekly(FIRST, 3) })).course
  }

  it('tells the parent kindly when a child is outside the age range, and still books', async () => {
    const course = await threeToSixCourse()
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id, {
      children: [
        { firstName: 'Maya', ...bornYearsBefore(FIRST, 7) },
        { firstName: 'Leo', ...bornYearsBefore(FIRST, 4) },
      ],
    })
    const note = cheerio.load(check.text)('#age-range')
    expect(note.hasClass('govuk-inset-text')).to.equal(true)
    expect(note.text())
      .to.contain('Maya will be 7 on the day of the first session. This course is for children aged 3 to 6. You can still book')
      .and.not.contain('Leo')

    const confirmed = await agent.post(paths.booking.check(course.id)).type('form').send(confirmFields(check.text)).expect(302)
    expect(confirmed.headers.location).to.equal(paths.booking.confirmation(course.id))
    const booked = await testDatabase().db.select().from(bookings).where(eq(bookings.courseId, course.id))
    expect(booked.map((b) => b.status)).to.deep.equal(['confirmed'])
  })

  it('says nothing when every child is inside the range', async () => {
    const course = await threeToSixCourse()
    const check = await answerJourney(request.agent(t.app), course.id, {
      children: [
        { firstName: 'Leo', ...bornYearsBefore(FIRST, 6) },
        { firstName: 'Zara', ageKind: 'age', ageYears: '3' },
      ],
    })
    const $ = cheerio.load(check.text)
    expect($('#age-range').length).to.equal(0)
    expect($('.govuk-inset-text').text()).to.not.contain('This course is for')
  })
})
