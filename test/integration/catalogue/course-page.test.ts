import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { sessions } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { bookPlaces, nextWeekday, pageText, squash } from './catalogue-helpers.js'

describe('course page', () => {
  const t = useTestApp()

  const coursePage = async (courseId: number) => {
    const { app } = t
    const res = await request(app).get(paths.courses.show(courseId)).expect(200)
    return { $: cheerio.load(res.text), text: pageText(res.text) }
  }
  const callToAction = ($: cheerio.CheerioAPI) => squash($('[data-testid="call-to-action"]').text())

  it('shows every session in London time, 10am on both sides of the clocks going forward', async () => {
    // Clocks go forward on Sunday 28 March 2027.
    const { course, sessions: rows } = await aCourse({
      sessions: [
        { date: '2027-03-23', start: '10:00', end: '12:00' },
        { date: '2027-03-30', start: '10:00', end: '12:00' },
      ],
    })
    expect(rows.map((s) => s.startsAt.toISOString())).to.deep.equal(['2027-03-23T10:00:00.000Z', '2027-03-30T09:00:00.000Z'])
    const { $ } = await coursePage(course.id)
    const listed = $('[data-testid="sessions"] li')
      .map((_, li) => squash($(li).text()))
      .get()
    expect(listed).to.deep.equal(['Tuesday 23 March 2027, 10am to 12pm', 'Tuesday 30 March 2027, 10am to 12pm'])
  })

  it('shows the programme, who it is for and the hub with address, phone, opening hours and access', async () => {
    const hub = await aHub({
      name: 'Foleshill Family Hub',
      addressLines: ['112 Stoney Stanton Road', 'Coventry'],
      postcode: 'CV6 5DQ',
      phone: '01632 960101',
      openingHours: 'Monday to Friday, 9am to 5pm',
      stepFree: true,
      parking: false,
      babyChange: true,
      accessibilityNotes: 'Hearing loop at reception.',
      gettingThere: 'Buses 20 and 20A stop outside.',
    })
    const programme = await aProgramme({
      title: 'Incredible Years',
      description: 'Learn to play in ways that build confidence.',
      childAgeFromMonths: 36,
      childAgeToMonths: 96,
      topics: ['child-behaviour'],
    })
    const { course } = await aCourse({ programmeId: programme.id, hubId: hub.id, sessions: weekly(nextWeekday(2), 3) })
    const { $, text } = await coursePage(course.id)
    expect($('h1').text().trim()).to.equal('Incredible Years')
    expect(text).to.contain('Learn to play in ways that build confidence.')
    expect(text).to.contain('Parents and carers of children aged 3 to 8').and.contain('Child behaviour')
    expect(text).to.contain('112 Stoney Stanton Road').and.contain('CV6 5DQ').and.contain('01632 960101')
    expect(text).to.contain('Monday to Friday, 9am to 5pm')
    expect(text).to.contain('Yes, step-free access').and.contain('No parking on site').and.contain('Yes, baby changing facilities')
    expect(text).to.contain('Hearing loop at reception.').and.contain('Buses 20 and 20A stop outside.')
    expect($('[data-testid="sessions"] li')).to.have.length(3)
  })

  it('offers "Book a place" with the places left when there are places', async () => {
    const { course } = await aCourse({ capacity: 8 })
    await bookPlaces(course.id, 5)
    const { $ } = await coursePage(course.id)
    expect(callToAction($)).to.contain('3 places left')
    const button = $('[data-testid="call-to-action"] a.govuk-button')
    expect(button.text().trim()).to.equal('Book a place')
    expect(button.attr('href')).to.equal(paths.booking.start(course.id))
  })

  it('offers "Join the waiting list" at the same address when the course is full', async () => {
    const { course } = await aCourse({ capacity: 2 })
    await bookPlaces(course.id, 2)
    const { $ } = await coursePage(course.id)
    expect(squash($('[data-testid="status"]').text())).to.contain('Full: join the waiting list')
    const button = $('[data-testid="call-to-action"] a.govuk-button')
    expect(button.text().trim()).to.equal('Join the waiting list')
    expect(button.attr('href')).to.equal(paths.booking.start(course.id))
  })

  it('explains a referral-only course with the hub phone number, and offers no button', async () => {
    const hub = await aHub({ phone: '01632 960106' })
    const programme = await aProgramme({ bookingMode: 'referral' })
    const { course } = await aCourse({ programmeId: programme.id, hubId: hub.id })
    const { $ } = await coursePage(course.id)
    expect(callToAction($))
      .to.contain('This course is by referral only. Ask your health visitor, social worker or family hub to refer you')
      .and.contain('01632 960106')
    expect($('[data-testid="call-to-action"] .govuk-button')).to.have.length(0)
    expect($(`a[href="${paths.booking.start(course.id)}"]`)).to.have.length(0)
  })

  it('says "Booking is closed" with no button when booking has closed', async () => {
    const { course } = await aCourse({ bookingOpen: false })
    const { $ } = await coursePage(course.id)
    expect(callToAction($)).to.contain('Booking is closed')
    expect($('[data-testid="call-to-action"] .govuk-button')).to.have.length(0)
  })

  it('says a cancelled course is cancelled, with no button', async () => {
    const { course } = await aCourse({ cancelledAt: new Date() })
    const { $ } = await coursePage(course.id)
    expect(callToAction($)).to.contain('has been cancelled')
    expect($('[data-testid="call-to-action"] .govuk-button')).to.have.length(0)
  })

  it('marks a cancelled session and leaves it out of the count', async () => {
    const { course, sessions: rows } = await aCourse({ sessions: weekly(nextWeekday(1), 3) })
    await testDatabase().db.update(sessions).set({ cancelledAt: new Date() }).where(eq(sessions.id, rows[1]!.id))
    const { $, text } = await coursePage(course.id)
    expect(squash($('[data-testid="sessions"] li').eq(1).text())).to.contain('Cancelled')
    expect(text).to.contain('2 sessions.')
  })

  it('tells parents how an online course works instead of showing a hub', async () => {
    const { course } = await aCourse({ hubId: null, sessions: weekly(nextWeekday(3), 2, '19:00', '20:30') })
    const { text } = await coursePage(course.id)
    expect(text).to.contain('Course online').and.contain('runs online').and.not.contain('Opening hours')
  })

  it('answers 404 for an unknown, non-numeric or out-of-range course id', async () => {
    const { app } = t
    for (const id of ['999', 'abc', '1.5', '-1', '0', '99999999999', '1e3']) {
      const res = await request(app).get(`/courses/${id}`)
      expect(res.status, id).to.equal(404)
      expect(res.text).to.contain('Page not found')
    }
  })
})
