import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { paths } from '../../../src/paths.js'
import { readCalendar } from '../../../src/data/mail/dev-outbox.js'
import { aBooking, aFamily, recordEvent } from './notification-helpers.js'

describe("Dev outbox: an email's HTML version and calendar invite", () => {
  const t = useTestApp({ ownDataDir: true })

  /** The outbox page of a booking confirmation email. */
  async function aConfirmationEmailPage() {
    const hub = await aHub({ name: 'Foleshill Family Hub' })
    const programme = await aProgramme({ title: 'Incredible Years' })
    const { course } = await aCourse({ hubId: hub.id, programmeId: programme.id, sessions: weekly('2027-03-29', 2, '09:30', '11:30') })
    const family = await aFamily({ contactByEmail: true })
    const { booking } = await aBooking(t, course.id, { familyId: family.id })
    await recordEvent(t, 'booking_confirmed', booking.id)
    await t.services.notificationDelivery.deliverDue()
    const list = cheerio.load((await request(t.app).get(paths.devOutbox.index).expect(200)).text)
    const link = list('tbody tr a').first().attr('href')!
    return { link, page: cheerio.load((await request(t.app).get(link).expect(200)).text), booking }
  }

  it('shows the HTML version in a sandboxed frame, served alone under a policy that lets it run nothing', async () => {
    const { link, page, booking } = await aConfirmationEmailPage()
    const frame = page('iframe.app-outbox-preview')
    expect(frame.attr('sandbox')).to.equal('')
    const html = await request(t.app).get(frame.attr('src')!).expect(200)
    expect(frame.attr('src')).to.equal(`${link}/html`)
    expect(html.headers['content-type']).to.match(/^text\/html/)
    expect(html.headers['content-security-policy']).to.include("default-src 'none'").and.include('sandbox').and.not.include('script-src')
    expect(html.text).to.include(booking.reference).and.match(/<html/i)
  })

  it('shows the calendar invite: its method and each event, the .ics text as sent, and a download', async () => {
    const { link, page } = await aConfirmationEmailPage()
    const calendar = page('.app-outbox-calendar').text().replace(/\s+/g, ' ')
    expect(calendar).to.include('Method REQUEST')
    expect(calendar.match(/Event Incredible Years/g)).to.have.length(2)
    expect(calendar)
      .to.match(/Start: 20270329T093000/)
      .and.match(/End: 20270329T113000/)
      .and.include('Status: CONFIRMED')
    expect(page('pre.app-outbox-raw').text())
      .to.match(/^BEGIN:VCALENDAR/)
      .and.include('METHOD:REQUEST')
    const download = await request(t.app).get(page('a[download]').attr('href')!).expect(200)
    expect(page('a[download]').attr('href')).to.equal(`${link}/invite.ics`)
    expect(download.headers['content-type']).to.match(/^text\/calendar/)
    expect(download.headers['content-disposition']).to.match(/attachment; filename="?invite\.ics/)
    expect(download.text).to.match(/^BEGIN:VCALENDAR/)
  })

  it('reads folded lines and escaped commas in an invite', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'METHOD:CANCEL',
      'BEGIN:VEVENT',
      'SUMMARY:Toilet training\\, for',
      '  toddlers',
      'DTSTART;TZID=Europe/London:20270329T093000',
      'DTEND;TZID=Europe/London:20270329T113000',
      'STATUS:CANCELLED',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n')
    expect(readCalendar(ics)).to.deep.equal({
      method: 'CANCEL',
      events: [{ summary: 'Toilet training, for toddlers', start: '20270329T093000', end: '20270329T113000', status: 'CANCELLED' }],
    })
  })
})
