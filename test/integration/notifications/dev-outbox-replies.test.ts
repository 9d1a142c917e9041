import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { aCourse, aHub, weekly } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, bookingRow, csrfTokenFrom } from '../../support/booking-helpers.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { twilioEnv } from '../webhooks/twilio-webhook-helpers.js'

const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

describe('Dev outbox: replying to a text as a family would (no Twilio settings)', () => {
  const t = useTestApp({ ownDataDir: true })

  /** A booking whose confirmation text is in the outbox; the link to that text. */
  async function aBookingTextInTheOutbox() {
    const hub = await aHub({ name: 'Foleshill Family Hub' })
    const { course } = await aCourse({ hubId: hub.id, sessions: weekly(inDays(5), 1, '10:30', '12:00') })
    const family = aNewFamily({ contactBySms: true, contactByEmail: false })
    const booked = await t.services.booking.book(aBookingRequest(course.id, { family }))
    if (booked.outcome !== 'confirmed') throw new Error(booked.outcome)
    await t.services.notificationDelivery.deliverDue()
    const list = cheerio.load((await request(t.app).get(paths.devOutbox.index).expect(200)).text)
    const link = list('tbody tr')
      .filter((_, row) => list(row).text().includes('Booked:'))
      .find('a')
      .attr('href')
    if (!link) throw new Error('no booking text in the outbox')
    return { booking: booked.booking, phone: family.phone!, link }
  }

  it('cancels the booking when CANCEL is sent from the outbox page, and puts the answer in the outbox', async () => {
    const { booking, phone, link } = await aBookingTextInTheOutbox()
    const agent = request.agent(t.app)
    const page = await agent.get(link).expect(200)
    const $ = cheerio.load(page.text)
    const cancelForm = $('form').filter((_, form) => $(form).find('input[name="body"]').val() === 'CANCEL')
    expect(cancelForm.attr('action')).to.equal(paths.devOutbox.reply(link.split('/').pop()!))

    const posted = await agent
      .post(cancelForm.attr('action')!)
      .type('form')
      .send({ body: 'CANCEL', _csrf: csrfTokenFrom(page.text) })

    expect(posted.status).to.equal(303)
    expect(posted.headers.location).to.equal(paths.devOutbox.index)
    expect((await bookingRow(booking.id)).status).to.equal('cancelled')
    const list = cheerio.load((await agent.get(paths.devOutbox.index).expect(200)).text)
    const answer = list('tbody tr').filter((_, row) => list(row).text().includes('Cancelled:'))
    expect(answer.length).to.equal(1)
    expect(answer.text()).to.include(phone)
  })

  it("refuses a reply without the form's CSRF token, and does nothing", async () => {
    const { booking, link } = await aBookingTextInTheOutbox()
    const posted = await request(t.app).post(`${link}/reply`).type('form').send({ body: 'CANCEL' })
    expect(posted.status).to.equal(403)
    expect((await bookingRow(booking.id)).status).to.equal('confirmed')
  })

  it('asks for the text of a reply left empty', async () => {
    const { booking, link } = await aBookingTextInTheOutbox()
    const agent = request.agent(t.app)
    const page = await agent.get(link)
    const posted = await agent
      .post(`${link}/reply`)
      .type('form')
      .send({ body: '  ', _csrf: csrfTokenFrom(page.text) })
    expect(posted.status).to.equal(400)
    expect(cheerio.load(posted.text)('.govuk-error-summary').text()).to.include('Enter the text of the reply')
    expect((await bookingRow(booking.id)).status).to.equal('confirmed')
  })

  it('offers no replies with Twilio set up, nor in production', async () => {
    const { link } = await aBookingTextInTheOutbox()
    const withTwilio = await buildTestApp({ ...twilioEnv, DATA_DIR: t.dataDir })
    const page = await request(withTwilio.app).get(link).expect(200)
    expect(cheerio.load(page.text)('form input[name="body"]').length).to.equal(0)
    await request(withTwilio.app).post(`${link}/reply`).type('form').send({ body: 'CANCEL' }).expect(403)
    const production = await buildTestApp({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-secret-of-at-least-32-chars',
      DATA_DIR: t.dataDir,
    })
    await request(production.app).get(link).expect(404)
  })
})
