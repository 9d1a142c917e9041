import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { readdirSync, readFileSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { paths } from '../../../src/paths.js'
import { aBooking, aFamily, recordEvent, rowsFor } from './notification-helpers.js'

describe('Notifications: the dev outbox (no SMTP_URL, no Twilio)', () => {
  // A folder of its own, so only this test's messages are in the outbox.
  const t = useTestApp({ ownDataDir: true, env: { BASE_URL: 'http://localhost:3000' } })

  async function aBookingWithBothChannels() {
    const hub = await aHub({ name: 'Foleshill Family Hub' })
    const programme = await aProgramme({ title: 'Incredible Years' })
    const { course } = await aCourse({ hubId: hub.id, programmeId: programme.id, sessions: weekly('2027-03-29', 1, '09:30', '11:30') })
    const family = await aFamily({ contactByEmail: true, contactBySms: true })
    return { ...(await aBooking(t, course.id, { familyId: family.id })), family }
  }

  it('writes each email as an .eml file and each text as a .txt file under DATA_DIR/outbox', async () => {
    const { booking, family } = await aBookingWithBothChannels()
    await recordEvent(t, 'booking_confirmed', booking.id)

    await t.services.notificationDelivery.deliverDue()

    const files = readdirSync(join(t.dataDir, 'outbox')).sort()
    expect(files.map((file) => file.replace(/^n\d+-[a-z0-9]+/, 'n'))).to.deep.equal(['n.eml', 'n.txt'])
    const eml = readFileSync(join(t.dataDir, 'outbox', files[0]!), 'utf8')
    expect(eml)
      .to.match(/^To: .*amira/im)
      .and.match(/^Subject: Booking confirmed: Incredible Years/m)
    expect(eml).to.match(/Content-Type: text\/calendar; method=REQUEST; charset=UTF-8/i)
    const txt = readFileSync(join(t.dataDir, 'outbox', files[1]!), 'utf8')
    expect(txt)
      .to.include(`To: ${family.phone}`)
      .and.include(`Booked: Incredible Years, Mon 29 Mar, 9:30am, Foleshill Family Hub. Ref ${booking.reference}.`)
    const rows = await rowsFor(booking.id, 'booking_confirmed')
    expect(rows.map((row) => `${row.channel} ${row.state}`)).to.deep.equal(['email sent', 'sms sent'])
  })

  it('lists every message at /dev/outbox, newest first, and shows each one', async () => {
    const { booking, family, token } = await aBookingWithBothChannels()
    await recordEvent(t, 'booking_confirmed', booking.id)
    await t.services.notificationDelivery.deliverDue()
    // The text written a minute after the email.
    const files = readdirSync(join(t.dataDir, 'outbox'))
    const at = (file: string, seconds: number) => utimesSync(join(t.dataDir, 'outbox', file), seconds, seconds)
    at(
      files.find((file) => file.endsWith('.eml'))!,
      1_800_000_000,
    )
    at(
      files.find((file) => file.endsWith('.txt'))!,
      1_800_000_060,
    )

    const list = await request(t.app).get(paths.devOutbox.index).expect(200)

    const $ = cheerio.load(list.text)
    const rows = $('tbody tr')
      .map((_, row) =>
        $(row)
          .find('td')
          .map((__, cell) => $(cell).text().trim())
          .get()
          .slice(1)
          .join(' | '),
      )
      .get()
    expect(rows).to.have.length(2)
    expect(rows[0]).to.match(new RegExp(`^Text \\| \\${family.phone} \\| Booked: Incredible Years`))
    expect(rows[1]).to.equal(`Email | ${family.email} | Booking confirmed: Incredible Years, Monday 29 March 2027`)

    const emailLink = $('tbody tr').eq(1).find('a').attr('href')!
    const shown = await request(t.app).get(emailLink).expect(200)
    const page = cheerio.load(shown.text)
    expect(page('h1').text().trim()).to.equal('Booking confirmed: Incredible Years, Monday 29 March 2027')
    expect(page('.govuk-summary-list').text()).to.include(family.email!).and.include('invite.ics')
    expect(page('.govuk-inset-text').text())
      .to.include(booking.reference)
      .and.include(`http://localhost:3000${paths.manage.show(token)}`)

    const download = await request(t.app).get(`${emailLink}?download`).expect(200)
    expect(download.headers['content-type']).to.match(/^message\/rfc822/)
  })

  it('answers 404 for a file that is not in the outbox', async () => {
    await request(t.app).get(paths.devOutbox.show('..%2F..%2Fetc%2Fpasswd')).expect(404)
    await request(t.app).get('/dev/outbox/..%2Fpgdata').expect(404)
    await request(t.app).get(paths.devOutbox.show('n1-nothing.eml')).expect(404)
  })

  it('is not there in production', async () => {
    const production = await buildTestApp({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-production-secret-of-at-least-32-chars',
      DATA_DIR: t.dataDir,
    })
    await request(production.app).get(paths.devOutbox.index).expect(404)
  })
})
