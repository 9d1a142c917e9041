import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import {
  aBookingRequest,
  aNewFamily,
  answerJourney,
  bookingRow,
  confirmFields,
  errorsOn,
  submitForm,
} from '../../support/booking-helpers.js'
import { paths } from '../../../src/paths.js'
import { translator } from '../../../src/i18n/translator.js'
import { accessLinkToken } from '../../../src/services/booking/access-link-tokens.js'

const htmlLang = (html: string) => cheerio.load(html)('html').attr('lang')

describe('booking and manage pages in the family’s language', () => {
  const t = useTestApp()

  it('stores the language the family booked in with the booking', async () => {
    const { course } = await aCourse({ capacity: 3 })
    const agent = request.agent(t.app)
    await agent.get(`${paths.home}?lang=pa`).expect(200)
    const check = await answerJourney(agent, course.id)
    expect(htmlLang(check.text)).to.equal('pa')
    expect(cheerio.load(check.text)('h1').text()).to.contain(translator('pa')('booking:check.headingBook'))
    await agent.post(paths.booking.check(course.id)).type('form').send(confirmFields(check.text)).expect(302)
    const confirmation = await agent.get(paths.booking.confirmation(course.id)).expect(200)
    expect(cheerio.load(confirmation.text)('.govuk-panel__title').text()).to.contain(translator('pa')('booking:confirmation.booked'))
    const { rows } = await testDatabase().db.execute<{ language: string }>(
      sql`select language from bookings where course_id = ${course.id}`,
    )
    expect(rows.map((row) => row.language)).to.deep.equal(['pa'])
  })

  it('books in English, as before, when no language is chosen', async () => {
    const result = await t.services.booking.book(aBookingRequest((await aCourse()).course.id))
    if (result.outcome !== 'confirmed') throw new Error(result.outcome)
    expect((await bookingRow(result.booking.id)).language).to.equal('en')
  })

  it('refuses a form with the GOV.UK messages in the visitor’s language, as a 400', async () => {
    const { course } = await aCourse()
    const agent = request.agent(t.app)
    await agent.get(`${paths.booking.start(course.id)}?lang=pl`).expect(302)
    const posted = await submitForm(agent, paths.booking.yourDetails(course.id), { fullName: '', email: 'nie-email', phone: '' })
    expect(posted.status).to.equal(302)
    const again = await agent.get(paths.booking.yourDetails(course.id)).expect(400)
    const pl = translator('pl')
    expect(errorsOn(again.text).summary).to.deep.equal([pl('booking:errors.fullName.missing'), pl('booking:errors.email.format')])
  })

  it('opens a manage link in the booking’s language unless the visitor chose one', async () => {
    const { course } = await aCourse()
    const result = await t.services.booking.book(aBookingRequest(course.id, { language: 'ar' }))
    if (result.outcome !== 'confirmed') throw new Error(result.outcome)
    const link = paths.manage.show(result.manageToken)

    const fromEmail = await request(t.app).get(link).expect(200)
    const $ = cheerio.load(fromEmail.text)
    expect($('html').attr('lang')).to.equal('ar')
    expect($('html').attr('dir')).to.equal('rtl')
    expect($('h1').text()).to.contain(translator('ar')('manage:show.title'))

    // The language link, and a language chosen earlier in the visit, win over the booking's.
    expect(htmlLang((await request(t.app).get(`${link}?lang=en`).expect(200)).text)).to.equal('en')
    const visitor = request.agent(t.app)
    await visitor.get(`${paths.home}?lang=pl`).expect(200)
    expect(htmlLang((await visitor.get(link).expect(200)).text)).to.equal('pl')

    // The actions on the page answer in the same language as the page.
    const cancelled = await submitForm(request.agent(t.app), paths.manage.cancel(result.manageToken), { reason: '' })
    expect(cancelled.headers.location).to.equal(link)
    expect((await bookingRow(result.booking.id)).status).to.equal('cancelled')
  })

  it('shows the manage page’s notices and calendar feed controls in the language', async () => {
    const { course } = await aCourse()
    const result = await t.services.booking.book(aBookingRequest(course.id, { language: 'pl' }))
    if (result.outcome !== 'confirmed') throw new Error(result.outcome)
    const agent = request.agent(t.app)
    const made = await submitForm(
      agent,
      paths.manage.show(result.manageToken),
      { action: 'create' },
      paths.manage.calendarFeed(result.manageToken),
    )
    expect(made.status).to.equal(302)
    const page = cheerio.load((await agent.get(paths.manage.show(result.manageToken)).expect(200)).text)
    const pl = translator('pl')
    expect(page('.govuk-notification-banner').text()).to.contain(pl('manage:calendarFeed.created'))
    expect(page('main').text()).to.contain(pl('manage:calendarFeed.replace')).and.contain(pl('manage:calendarFeed.turnOff'))
  })

  it('writes the "find my bookings" email in the language the visitor asked in', async () => {
    const { course } = await aCourse()
    await t.services.booking.book(aBookingRequest(course.id, { family: aNewFamily({ email: 'polski@example.com' }) }))
    const agent = request.agent(t.app)
    await agent.get(`${paths.manage.findMyBookings}?lang=pl`).expect(200)
    await submitForm(agent, paths.manage.findMyBookings, { email: 'polski@example.com' })
    const { rows } = await testDatabase().db.execute<{ payload: { language?: string } }>(
      sql`select payload from notifications where kind = 'find_my_bookings'`,
    )
    expect(rows.map((row) => row.payload.language)).to.deep.equal(['pl'])
  })

  it('opens the emailed list of bookings in the language of the newest booking unless the visitor chose one', async () => {
    const { course } = await aCourse()
    const family = aNewFamily({ email: 'lista@example.com' })
    await t.services.booking.book(aBookingRequest(course.id, { family, language: 'pl' }))
    await t.services.findMyBookings.requestLink('lista@example.com', 'pl')
    const { rows } = await testDatabase().db.execute<{ payload: { nonce: string } }>(
      sql`select payload from notifications where kind = 'find_my_bookings'`,
    )
    const link = paths.manage.findMyBookingsLink(accessLinkToken(t.config.sessionSecret, rows[0]!.payload.nonce))
    const list = await request(t.app).get(link).expect(200)
    expect(htmlLang(list.text)).to.equal('pl')
    expect(cheerio.load(list.text)('h1').text()).to.contain(translator('pl')('manage:yourBookings.title'))
    expect(htmlLang((await request(t.app).get(`${link}?lang=en`).expect(200)).text)).to.equal('en')
  })

  it('keeps the family’s language when staff move the booking to another course', async () => {
    const { course: from } = await aCourse()
    const { course: to } = await aCourse()
    const result = await t.services.booking.book(aBookingRequest(from.id, { language: 'pa' }))
    if (result.outcome !== 'confirmed') throw new Error(result.outcome)
    const moved = await t.services.booking.changeCourse(result.booking.id, to.id, { staffUserId: 7 })
    if (moved.outcome !== 'changed') throw new Error(moved.outcome)
    expect(moved.booking.language).to.equal('pa')
  })

  it('writes to a family in the language they booked in before when staff book for them, and in English when they never chose one', async () => {
    const { course: first } = await aCourse()
    const { course: second } = await aCourse()
    const online = await t.services.booking.book(aBookingRequest(first.id, { language: 'ar' }))
    if (online.outcome !== 'confirmed') throw new Error(online.outcome)
    const byStaff = await t.services.booking.book({
      courseId: second.id,
      family: { familyId: online.booking.familyId },
      source: 'reception',
    })
    if (byStaff.outcome !== 'confirmed') throw new Error(byStaff.outcome)
    expect(byStaff.booking.language).to.equal('ar')
    const { course: third } = await aCourse()
    const english = await t.services.booking.book(aBookingRequest(third.id))
    if (english.outcome !== 'confirmed') throw new Error(english.outcome)
    expect(english.booking.language).to.equal('en')
  })
})
