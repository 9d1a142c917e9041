import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { DateTime } from 'luxon'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme, weekly } from '../../support/builders.js'
import { aBookingRequest, answerJourney, confirmFields, errorsOn, statusCounts, submitForm } from '../../support/booking-helpers.js'
import { bookings, children, families } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'

/** A due date about n months from now, as the three date fields. */
function dueDateIn(months: number) {
  const date = DateTime.now().setZone('Europe/London').plus({ months })
  return { dueDateDay: String(date.day), dueDateMonth: String(date.month), dueDateYear: String(date.year) }
}

describe('booking journey (online, no account)', () => {
  const t = useTestApp()

  it('books a place through every step and confirms it with the reference, dates, hub, calendar links and manage link', async () => {
    const { course } = await aCourse({ capacity: 5, sessions: weekly('2031-03-04', 3) })
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id, {
      fullName: 'Aisha Khan',
      email: 'Aisha.Khan@Example.com',
      phone: '07123 456789',
      contactBy: ['email', 'sms'],
      children: [
        { firstName: 'Zara', ageKind: 'age', ageYears: '3' },
        { firstName: 'Baby', ageKind: 'expecting', ...dueDateIn(3) },
      ],
      support: { support: ['interpreter', 'stepFree', 'childcare'], interpreterLanguage: 'Urdu' },
    })
    const $check = cheerio.load(check.text)
    expect($check('h1').text()).to.contain('Check your answers')
    expect($check('.govuk-summary-list').text())
      .to.contain('aisha.khan@example.com')
      .and.contain('07123 456789')
      .and.contain('Interpreter: Urdu')
      .and.contain('Zara: Age 3 years')
    expect($check('main a:contains("Change")').length).to.equal(6)

    const confirmed = await agent.post(paths.booking.check(course.id)).type('form').send(confirmFields(check.text)).expect(302)
    expect(confirmed.headers.location).to.equal(paths.booking.confirmation(course.id))
    const page = await agent.get(paths.booking.confirmation(course.id)).expect(200)
    const $ = cheerio.load(page.text)
    expect($('.govuk-panel__title').text()).to.contain('Booking confirmed')
    const reference = $('.govuk-panel__body strong').text()
    expect(reference).to.match(/^FH-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{2}$/)
    expect($('main').text())
      .to.contain('Tuesday 4 March 2031, 10am to 12pm')
      .and.contain('Tuesday 18 March 2031')
      .and.contain('1 Test Street')
    expect($('a[href$="/calendar.ics"]').length).to.equal(1)
    expect($('a[href^="https://calendar.google.com/"]').length, 'one Google link per session').to.equal(3)
    expect($('a[href^="https://outlook.live.com/"]').length).to.equal(3)
    const manageHref = $('a[href^="/manage/"]').not('[href$=".ics"]').attr('href')!
    await agent.get(manageHref).expect(200)

    const [booking] = await testDatabase().db.select().from(bookings).where(eq(bookings.reference, reference))
    const [family] = await testDatabase().db.select().from(families).where(eq(families.id, booking!.familyId))
    expect(family).to.include({
      parentName: 'Aisha Khan',
      email: 'aisha.khan@example.com',
      phone: '+447123456789',
      contactByEmail: true,
      contactBySms: true,
      interpreterLanguage: 'Urdu',
      needsStepFree: true,
      needsChildcare: true,
      consentSource: 'online',
    })
    expect(family!.consentGivenAt).to.be.instanceOf(Date)
    const kids = await testDatabase().db.select().from(children).where(eq(children.familyId, family!.id))
    expect(kids.map((k) => [k.firstName, k.ageYears, k.dueDate !== null])).to.deep.equal([
      ['Zara', 3, false],
      ['Baby', null, true],
    ])
  })

  it('sends someone who skips a step back to the first question not yet answered', async () => {
    const { course } = await aCourse()
    const agent = request.agent(t.app)
    const fresh = await agent.get(paths.booking.support(course.id)).expect(302)
    expect(fresh.headers.location, 'no journey yet: to its start').to.equal(paths.booking.start(course.id))
    await agent.get(paths.booking.start(course.id)).expect(302)
    await submitForm(agent, paths.booking.yourDetails(course.id), { fullName: 'Sam', email: 'sam@example.com' })
    const skipped = await agent.get(paths.booking.check(course.id)).expect(302)
    expect(skipped.headers.location).to.equal(paths.booking.contact(course.id))
  })

  it('shows each validation message in the error summary and by the field, keeping what was typed', async () => {
    const { course } = await aCourse()
    const agent = request.agent(t.app)
    await agent.get(paths.booking.start(course.id))
    const details = paths.booking.yourDetails(course.id)
    const expectErrors = async (url: string, fields: Record<string, string | string[]>, messages: string[]) => {
      const res = await submitForm(agent, url, fields)
      expect(res.status, `${url} redirects back to itself`).to.equal(302)
      expect(res.headers.location).to.equal(url)
      // The page showing the errors answers 400: bad input is a client error.
      const page = await agent.get(url).expect(400)
      const errors = errorsOn(page.text)
      expect(errors.summary).to.deep.equal(messages)
      expect(errors.fields).to.deep.equal(messages)
      expect(cheerio.load(page.text)('title').text()).to.match(/^Error: /)
      return page
    }
    await expectErrors(details, { fullName: '', email: '', phone: '' }, [
      'Enter your full name',
      'Enter an email address or a UK mobile number',
    ])
    const kept = await expectErrors(details, { fullName: 'Sam', email: 'sam@', phone: '0123' }, [
      'Enter an email address in the correct format, like name@example.com',
      'Enter a UK mobile number, like 07700 900 982',
    ])
    expect(cheerio.load(kept.text)('#email').val()).to.equal('sam@')
    await expectErrors(details, { fullName: 'x'.repeat(101), email: 'sam@example.com' }, ['Full name must be 100 characters or less'])
    await expectErrors(details, { fullName: 'Sam', phone: '020 7946 0000' }, ['Enter a UK mobile number, like 07700 900 982'])

    await submitForm(agent, details, { fullName: 'Sam', email: 'sam@example.com' })
    const contact = paths.booking.contact(course.id)
    const contactPage = await expectErrors(contact, {}, ['Select how we may contact you'])
    expect(
      cheerio
        .load(contactPage.text)('input[name="contactBy"]')
        .map((_, el) => cheerio.load(el)('input').val())
        .get(),
      'only the contacts given are offered',
    ).to.deep.equal(['email'])
    await expectErrors(contact, { contactBy: 'sms' }, ['Select how we may contact you'])

    await submitForm(agent, contact, { contactBy: 'email' })
    await expectErrors(paths.booking.children(course.id), {}, ['Select yes if you want to tell us about a child'])
    const add = paths.booking.addChild(course.id)
    await expectErrors(add, {}, [
      "Enter your child's first name",
      "Select if you will give your child's age, their date of birth, or that you are expecting",
    ])
    await expectErrors(add, { firstName: 'Ava', ageKind: 'age' }, ["Enter your child's age in years"])
    await expectErrors(add, { firstName: 'Ava', ageKind: 'age', ageYears: 'three' }, ['Age must be a whole number from 0 to 18'])
    await expectErrors(add, { firstName: 'Ava', ageKind: 'dateOfBirth' }, ["Enter your child's date of birth"])
    await expectErrors(add, { firstName: 'Ava', ageKind: 'dateOfBirth', dateOfBirthDay: '3', dateOfBirthYear: '2022' }, [
      'Date of birth must include a month',
    ])
    await expectErrors(
      add,
      { firstName: 'Ava', ageKind: 'dateOfBirth', dateOfBirthDay: '31', dateOfBirthMonth: '2', dateOfBirthYear: '2022' },
      ['Date of birth must be a real date'],
    )
    await expectErrors(
      add,
      { firstName: 'Ava', ageKind: 'dateOfBirth', dateOfBirthDay: '1', dateOfBirthMonth: '1', dateOfBirthYear: '2099' },
      ['Date of birth must be today or in the past'],
    )
    await expectErrors(add, { firstName: 'Ava', ageKind: 'expecting' }, ['Enter your due date'])
    await expectErrors(add, { firstName: 'Ava', ageKind: 'expecting', dueDateDay: '1', dueDateMonth: '1', dueDateYear: '2020' }, [
      'Due date must be today or in the future',
    ])
    await expectErrors(add, { firstName: 'y'.repeat(51), ageKind: 'age', ageYears: '2' }, ['First name must be 50 characters or less'])
    await submitForm(agent, add, { firstName: 'Ava', ageKind: 'age', ageYears: '2' })
    await expectErrors(paths.booking.children(course.id), {}, ['Select yes if you want to add another child'])

    await submitForm(agent, paths.booking.children(course.id), { addChild: 'no' })
    const supportUrl = paths.booking.support(course.id)
    await expectErrors(supportUrl, {}, ['Select the support you need, or select ‘I do not need any support’'])
    await expectErrors(supportUrl, { support: ['none', 'stepFree'] }, [
      'Select the support you need, or select ‘I do not need any support’',
    ])
    await expectErrors(supportUrl, { support: ['interpreter', 'other'] }, [
      'Enter the language you need an interpreter for',
      'Enter the other support you need',
    ])
    await expectErrors(supportUrl, { support: 'other', otherSupport: 'z'.repeat(501) }, ['Other support must be 500 characters or less'])
  })

  it('lets a parent remove a child they added', async () => {
    const { course } = await aCourse()
    const agent = request.agent(t.app)
    await answerJourney(agent, course.id, {
      children: [
        { firstName: 'Ava', ageKind: 'age', ageYears: '2' },
        { firstName: 'Ben', ageKind: 'age', ageYears: '4' },
      ],
    })
    const list = await agent.get(paths.booking.children(course.id)).expect(200)
    const removeAva = cheerio.load(list.text)(`form[action="${paths.booking.removeChild(course.id, 0)}"]`)
    expect(removeAva.length).to.equal(1)
    await agent
      .post(paths.booking.removeChild(course.id, 0))
      .type('form')
      .send({ _csrf: removeAva.find('input[name=_csrf]').val() as string })
      .expect(302)
    await submitForm(agent, paths.booking.children(course.id), { addChild: 'no' })
    const check = await agent.get(paths.booking.check(course.id)).expect(200)
    expect(check.text).to.contain('Ben: Age 4 years')
    expect(check.text).not.to.contain('Ava')
  })

  it('joins the waiting list through the same journey when the course is full, and says the position', async () => {
    const { course } = await aCourse({ capacity: 1 })
    await t.services.booking.book(aBookingRequest(course.id))
    await t.services.booking.joinWaitingList(aBookingRequest(course.id))
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id)
    expect(cheerio.load(check.text)('button').text()).to.contain('Join the waiting list')
    await agent.post(paths.booking.check(course.id)).type('form').send(confirmFields(check.text)).expect(302)
    const page = await agent.get(paths.booking.confirmation(course.id)).expect(200)
    expect(cheerio.load(page.text)('.govuk-panel').text()).to.contain('You are number 2 on the waiting list')
    expect(page.text).not.to.contain('calendar.ics')
  })

  it('offers the waiting list when the last place goes while the parent is answering', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id)
    await t.services.booking.book(aBookingRequest(course.id)) // someone else is quicker
    const attempt = await agent.post(paths.booking.check(course.id)).type('form').send(confirmFields(check.text)).expect(302)
    expect(attempt.headers.location).to.equal(paths.booking.full(course.id))
    const full = await agent.get(paths.booking.full(course.id)).expect(200)
    expect(full.text).to.contain('the last place has just been taken')
    await agent.post(paths.booking.full(course.id)).type('form').send(confirmFields(full.text)).expect(302)
    const page = await agent.get(paths.booking.confirmation(course.id)).expect(200)
    expect(page.text).to.contain('You are number 1 on the waiting list')
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 1, waiting: 1 })
  })

  it('explains how to get a referral instead of booking a referral-only course', async () => {
    const programme = await aProgramme({ bookingMode: 'referral' })
    const { course } = await aCourse({ programmeId: programme.id })
    const agent = request.agent(t.app)
    const start = await agent.get(paths.booking.start(course.id)).expect(302)
    expect(start.headers.location).to.equal(paths.booking.referralOnly(course.id))
    const page = await agent.get(start.headers.location as string).expect(200)
    expect(page.text).to.contain('You need a referral for this course').and.contain('health visitor').and.contain('024 7600 0000')
  })

  it('says booking is closed for a course that has started', async () => {
    const { course } = await aCourse({ daysFromNow: -2 })
    const start = await request(t.app).get(paths.booking.start(course.id)).expect(302)
    expect(start.headers.location).to.equal(paths.booking.closed(course.id))
  })

  it('shows "already booked" for an email that has a place, without showing that booking to whoever typed it', async () => {
    const { course } = await aCourse({ capacity: 5 })
    const first = await t.services.booking.book(
      aBookingRequest(course.id, {
        family: { parentName: 'First', email: 'taken@example.com', contactByEmail: true, contactBySms: false },
      }),
    )
    if (first.outcome !== 'confirmed') throw new Error(first.outcome)
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id, { email: 'TAKEN@example.com' })
    const res = await agent.post(paths.booking.check(course.id)).type('form').send(confirmFields(check.text)).expect(302)
    expect(res.headers.location).to.equal(paths.booking.alreadyBooked(course.id))
    const page = await agent.get(res.headers.location as string).expect(200)
    expect(page.text).to.contain('You are already booked on this course').and.contain(paths.manage.findMyBookings)
    expect(page.text).not.to.contain(first.booking.reference)
    expect(page.text).not.to.contain(first.manageToken)
    expect(page.text).not.to.contain('First')
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 1 })
    await request(t.app).get(paths.booking.alreadyBooked(course.id)).expect(404)
  })

  it('makes one booking when the confirm form is sent twice, at once or again later', async () => {
    const { course } = await aCourse({ capacity: 5 })
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id)
    const fields = confirmFields(check.text)
    const [a, b] = await Promise.all([
      agent.post(paths.booking.check(course.id)).type('form').send(fields),
      agent.post(paths.booking.check(course.id)).type('form').send(fields),
    ])
    const late = await agent.post(paths.booking.check(course.id)).type('form').send(fields)
    for (const res of [a, b, late]) expect(res.headers.location).to.equal(paths.booking.confirmation(course.id))
    expect(await statusCounts(course.id)).to.deep.equal({ confirmed: 1 })
  })

  it('refuses a form post without the CSRF token with 403', async () => {
    const { course } = await aCourse()
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id)
    const { _csrf: _ignored, ...withoutToken } = confirmFields(check.text)
    await agent.post(paths.booking.check(course.id)).type('form').send(withoutToken).expect(403)
    await agent.post(paths.booking.yourDetails(course.id)).type('form').send({ fullName: 'Sam', email: 'sam@example.com' }).expect(403)
    await request(t.app).post(paths.manage.findMyBookings).type('form').send({ email: 'sam@example.com' }).expect(403)
    expect(await statusCounts(course.id)).to.deep.equal({})
  })

  it('shows script tags and SQL typed into every text field as text, and stores them as typed', async () => {
    const nasty = `<script>alert("x")</script>'; DROP TABLE bookings; --`
    const { course } = await aCourse()
    const agent = request.agent(t.app)
    const check = await answerJourney(agent, course.id, {
      fullName: nasty,
      children: [{ firstName: nasty.slice(0, 50), ageKind: 'age', ageYears: '1' }],
      support: { support: ['interpreter', 'other'], interpreterLanguage: nasty.slice(0, 50), otherSupport: nasty },
    })
    expect(check.text).not.to.contain('<script>alert')
    expect(check.text).to.contain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39;; DROP TABLE bookings; --')
    // Validation errors send the typed value back into the form: escaped there too.
    const bad = await submitForm(agent, paths.booking.yourDetails(course.id), { fullName: nasty, email: `${nasty}@` })
    const back = await agent.get(bad.headers.location as string).expect(400)
    expect(back.text).not.to.contain('<script>alert')
    expect(cheerio.load(back.text)('#email').val()).to.equal(`${nasty}@`)
    await submitForm(agent, paths.booking.yourDetails(course.id), { fullName: nasty, email: 'safe@example.com' })
    const again = await agent.get(paths.booking.check(course.id)).expect(200)
    await agent.post(paths.booking.check(course.id)).type('form').send(confirmFields(again.text)).expect(302)
    const confirmation = await agent.get(paths.booking.confirmation(course.id)).expect(200)
    const manage = await agent.get(cheerio.load(confirmation.text)('a[href^="/manage/"]').not('[href$=".ics"]').attr('href')!).expect(200)
    expect(manage.text).not.to.contain('<script>alert')
    expect(manage.text).to.contain('&lt;script&gt;')
    const [family] = await testDatabase().db.select().from(families)
    expect(family).to.include({ parentName: nasty, interpreterLanguage: nasty.slice(0, 50), otherSupport: nasty })
    const [child] = await testDatabase().db.select().from(children)
    expect(child!.firstName).to.equal(nasty.slice(0, 50))
    expect(await testDatabase().db.select().from(bookings)).to.have.length(1)
  })

  it('limits booking form posts from one address, with a 429 page in the service design', async () => {
    const limited = await buildTestApp({ RATE_LIMIT_BOOKING_POSTS: '3' })
    const { course } = await aCourse()
    const agent = request.agent(limited.app)
    await agent.get(paths.booking.start(course.id))
    for (let i = 0; i < 3; i++)
      await submitForm(agent, paths.booking.yourDetails(course.id), { fullName: '' }).then((res) => expect(res.status).to.equal(302))
    const blocked = await submitForm(agent, paths.booking.yourDetails(course.id), { fullName: 'Sam', email: 'sam@example.com' })
    expect(blocked.status).to.equal(429)
    expect(Number(blocked.headers['retry-after'])).to.be.greaterThan(0)
    expect(blocked.text).to.contain('too many attempts').and.contain('govuk-footer')
  })
})
