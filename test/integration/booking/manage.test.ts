import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import ICAL from 'ical.js'
import { useTestApp } from '../../support/use-test-app.js'
import { aCourse, weekly } from '../../support/builders.js'
import { aBookingRequest, bookingRow, csrfTokenFrom, errorsOn, submitForm } from '../../support/booking-helpers.js'
import { paths } from '../../../src/paths.js'
import { randomToken } from '../../../src/services/tokens.js'

describe('manage link', () => {
  const t = useTestApp()

  async function booked(courseId: number) {
    const result = await t.services.booking.book(aBookingRequest(courseId))
    if (result.outcome !== 'confirmed') throw new Error(result.outcome)
    return result
  }

  async function queued(courseId: number) {
    const result = await t.services.booking.joinWaitingList(aBookingRequest(courseId))
    if (result.outcome !== 'waiting') throw new Error(result.outcome)
    return result
  }

  it('shows the booking, its status and the way to cancel', async () => {
    const { course } = await aCourse({ capacity: 2 })
    const { booking, manageToken } = await booked(course.id)
    const page = await request(t.app).get(paths.manage.show(manageToken)).expect(200)
    const $ = cheerio.load(page.text)
    expect($('main').text()).to.contain(booking.reference).and.contain('Booked')
    expect($(`a[href="${paths.manage.cancel(manageToken)}"]`).length).to.equal(1)
    expect(page.headers['cache-control']).to.equal('no-store')
  })

  it('answers a wrong, malformed or old token with the same helpful 404 that names no booking', async () => {
    const { course } = await aCourse()
    const { manageToken } = await booked(course.id)
    const pages = await Promise.all(
      [randomToken(), 'not-a-token', manageToken.slice(0, -1) + (manageToken.endsWith('A') ? 'B' : 'A')].map((token) =>
        request(t.app).get(paths.manage.show(token)).expect(404),
      ),
    )
    for (const page of pages) {
      expect(page.text).to.contain('This link does not work').and.contain(paths.manage.findMyBookings)
    }
    const bodies = pages.map((page) => cheerio.load(page.text)('main').text())
    expect(new Set(bodies).size, 'every wrong token gets the same page').to.equal(1)
  })

  it('cancels after a confirm step with an optional reason, frees the place and offers it to the next family', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const { booking, manageToken } = await booked(course.id)
    const next = await queued(course.id)
    const agent = request.agent(t.app)
    const confirm = await agent.get(paths.manage.cancel(manageToken)).expect(200)
    expect(confirm.text).to.contain('Are you sure you want to cancel your booking?')
    const tooLong = await submitForm(agent, paths.manage.cancel(manageToken), { reason: 'r'.repeat(501) })
    expect(tooLong.headers.location).to.equal(paths.manage.cancel(manageToken))
    expect(errorsOn((await agent.get(paths.manage.cancel(manageToken))).text).summary).to.deep.equal([
      'Reason must be 500 characters or less',
    ])
    const done = await submitForm(agent, paths.manage.cancel(manageToken), { reason: 'Moving away' })
    expect(done.headers.location).to.equal(paths.manage.show(manageToken))
    const page = await agent.get(paths.manage.show(manageToken)).expect(200)
    expect(page.text).to.contain('Your booking has been cancelled').and.contain('Cancelled')
    expect(await bookingRow(booking.id)).to.include({ status: 'cancelled', cancelReason: 'Moving away' })
    expect((await bookingRow(next.booking.id)).status).to.equal('offered')
  })

  it('lets a family on the waiting list see their position and leave', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await booked(course.id)
    const { booking, manageToken } = await queued(course.id)
    const agent = request.agent(t.app)
    const page = await agent.get(paths.manage.show(manageToken)).expect(200)
    expect(page.text).to.contain('On the waiting list').and.contain('Number 1')
    await submitForm(agent, paths.manage.leave(manageToken), {})
    expect((await bookingRow(booking.id)).status).to.equal('left_waiting_list')
    expect((await agent.get(paths.manage.show(manageToken))).text).to.contain('You have left the waiting list')
  })

  it('shows an offer with when it ends, and accepts it in one step', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const first = await booked(course.id)
    const { booking, manageToken } = await queued(course.id)
    await t.services.booking.cancel(first.booking.id)
    const agent = request.agent(t.app)
    const page = await agent.get(paths.manage.show(manageToken)).expect(200)
    const offer = await bookingRow(booking.id)
    expect(page.text).to.contain('A place is free for you').and.contain(`Accept by`)
    expect(cheerio.load(page.text)('.govuk-warning-text').text()).to.match(/Accept by \d{1,2}(:\d\d)?(am|pm) on \w+day \d{1,2} \w+ \d{4}/)
    expect(offer.status).to.equal('offered')
    await agent
      .post(paths.manage.accept(manageToken))
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(302)
    expect((await bookingRow(booking.id)).status).to.equal('confirmed')
    expect((await agent.get(paths.manage.show(manageToken))).text).to.contain('Your place is booked')
  })

  it('declines an offer in one step, passing the place to the next family', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const first = await booked(course.id)
    const offered = await queued(course.id)
    const next = await queued(course.id)
    await t.services.booking.cancel(first.booking.id)
    const agent = request.agent(t.app)
    const page = await agent.get(paths.manage.show(offered.manageToken)).expect(200)
    await agent
      .post(paths.manage.decline(offered.manageToken))
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(302)
    expect((await bookingRow(offered.booking.id)).status).to.equal('declined')
    expect((await bookingRow(next.booking.id)).status).to.equal('offered')
  })

  it('downloads the booking as an .ics calendar with one event per session in London time', async () => {
    const { course, sessions } = await aCourse({ sessions: weekly('2031-10-21', 2) })
    const { booking, manageToken } = await booked(course.id)
    const res = await request(t.app).get(paths.manage.calendar(manageToken)).expect(200)
    expect(res.headers['content-type']).to.match(/^text\/calendar/)
    expect(res.headers['content-disposition']).to.contain(`${booking.reference}.ics`)
    const calendar = new ICAL.Component(ICAL.parse(res.text))
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    expect(events).to.have.length(2)
    expect(events.map((e) => e.startDate.toJSDate().getTime())).to.deep.equal(sessions.map((s) => s.startsAt.getTime()))
    expect(res.text).to.contain('DTSTART;TZID=Europe/London:20311021T100000')
    expect(events[0]!.description).to.contain(paths.manage.show(manageToken))
  })
})
