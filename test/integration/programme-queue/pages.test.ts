import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import { aBookingRequest, answerJourney, bookingRow, confirmFields, errorsOn, submitForm } from '../../support/booking-helpers.js'
import { and, eq } from 'drizzle-orm'
import { bookings, newDatesSubscriptions } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { linkToken } from '../../../src/services/tokens.js'

describe('pages: other runs on the waiting list, and tell me about new dates', () => {
  const t = useTestApp()

  it('asks which other runs suit a family joining a full run, grouped by hub, and joins the one queue spanning them', async () => {
    const programme = await aProgramme()
    const north = await aHub({ name: 'North Hub' })
    const south = await aHub({ name: 'South Hub' })
    const { course } = await aCourse({ programmeId: programme.id, hubId: north.id, capacity: 1, daysFromNow: 10 })
    const { course: other } = await aCourse({ programmeId: programme.id, hubId: south.id, capacity: 1, daysFromNow: 12 })
    await t.services.booking.book(aBookingRequest(course.id))
    await t.services.booking.book(aBookingRequest(other.id))
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id)
    const $ = cheerio.load(check.text)
    expect($('fieldset legend').text()).to.contain('Would other dates or places suit you too?')
    expect($('.govuk-checkboxes').text()).to.contain('South Hub').and.not.contain('North Hub')
    expect($(`input[name="alsoSuitable"][value="${other.id}"]`)).to.have.length(1)
    expect($('input[name="alsoSuitable"][value="any"]').attr('data-behaviour')).to.equal('exclusive')
    await agent
      .post(paths.booking.check(course.id))
      .type('form')
      .send({ ...confirmFields(check.text), alsoSuitable: String(other.id) })
      .expect(302)
    const [entry] = await testDatabase()
      .db.select()
      .from(bookings)
      .where(and(eq(bookings.courseId, course.id), eq(bookings.status, 'waiting')))
    const waiting = await bookingRow(entry!.id)
    expect(await t.services.booking.programmeQueue.suitableRuns(waiting)).to.deep.equal([other.id])
  })

  it('tells a family on the waiting list straight away that a run they chose has places, with a link to book it', async () => {
    const programme = await aProgramme()
    const hub = await aHub({ name: 'East Hub' })
    const { course } = await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 10 })
    const { course: other } = await aCourse({ programmeId: programme.id, hubId: hub.id, capacity: 4, daysFromNow: 12 })
    await t.services.booking.book(aBookingRequest(course.id))
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id)
    await agent
      .post(paths.booking.check(course.id))
      .type('form')
      .send({ ...confirmFields(check.text), alsoSuitable: 'any' })
      .expect(302)
    const page = await agent.get(paths.booking.confirmation(course.id)).expect(200)
    const $ = cheerio.load(page.text)
    expect($('.govuk-notification-banner').text()).to.contain('A date that suits you has places now').and.contain('East Hub')
    expect($('.govuk-notification-banner a').attr('href')).to.equal(paths.booking.start(other.id))
  })

  it('subscribes to new dates with clear errors first, then unsubscribes from the link', async () => {
    const programme = await aProgramme({ title: 'Baby massage' })
    const agent = request.agent(t.app)
    const programmePage = await agent.get(paths.programmes.show(programme.slug)).expect(200)
    expect(cheerio.load(programmePage.text)(`a[href="${paths.newDates.subscribe(programme.slug)}"]`)).to.have.length(1)
    const form = paths.newDates.subscribe(programme.slug)
    const empty = await submitForm(agent, form, {})
    expect(empty.status).to.equal(400)
    expect(errorsOn(empty.text).summary).to.deep.equal([
      'Enter an email address or a mobile phone number',
      'Tick the box to say you want these messages',
    ])
    const wrong = await submitForm(agent, form, { email: 'nope@', phone: '020 7946 0000', consent: 'yes' })
    expect(errorsOn(wrong.text).summary).to.have.length(2)
    const done = await submitForm(agent, form, { email: 'Parent@Example.com', consent: 'yes' })
    expect(done.status).to.equal(302)
    expect((await agent.get(done.headers.location as string).expect(200)).text).to.contain('We will tell you about new dates')
    const [row] = await testDatabase().db.select().from(newDatesSubscriptions)
    expect(row).to.include({ email: 'parent@example.com', programmeId: programme.id })
    const token = linkToken(t.services.config.sessionSecret, 'new-dates-unsubscribe', row!.unsubscribeNonce)
    const unsubscribe = paths.newDates.unsubscribe(token)
    expect((await agent.get(unsubscribe).expect(200)).text).to.contain('Baby massage')
    const gone = await submitForm(agent, unsubscribe, {})
    expect(gone.status).to.equal(200)
    expect(gone.text).to.contain('You will not get any more messages about new dates')
    expect(await testDatabase().db.select().from(newDatesSubscriptions)).to.have.length(0)
    await agent.get(unsubscribe).expect(404)
    await agent.get(paths.newDates.unsubscribe('not-a-token')).expect(404)
  })

  it('shows on the manage page which other runs a waiting family would take, and lets them change it', async () => {
    const programme = await aProgramme()
    const west = await aHub({ name: 'West Hub' })
    const { course } = await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 10 })
    const { course: other } = await aCourse({ programmeId: programme.id, hubId: west.id, capacity: 1, daysFromNow: 12 })
    await t.services.booking.book(aBookingRequest(course.id))
    await t.services.booking.book(aBookingRequest(other.id))
    const joined = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
    if (joined.outcome !== 'waiting') throw new Error('set-up')
    const agent = request.agent(t.app)
    const manage = paths.manage.show(joined.manageToken)
    const before = cheerio.load((await agent.get(manage).expect(200)).text)
    expect(before('main').text()).to.contain('Other dates or places you would take').and.contain('Only this one')
    const changed = await submitForm(agent, paths.manage.otherRuns(joined.manageToken), { alsoSuitable: String(other.id) })
    expect(changed.status).to.equal(302)
    const after = cheerio.load((await agent.get(manage).expect(200)).text)
    expect(after('main').text()).to.contain('We have saved the other dates and places you would take').and.contain('West Hub')
    expect(await t.services.booking.programmeQueue.suitableRuns(await bookingRow(joined.booking.id))).to.deep.equal([other.id])
  })
})
