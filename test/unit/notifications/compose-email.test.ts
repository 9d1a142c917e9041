import { expect } from 'chai'
import { simpleParser } from 'mailparser'
import { composeEmail } from '../../../src/data/mail/compose-email.js'

const calendarText = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'METHOD:REQUEST', 'END:VCALENDAR', ''].join('\r\n')

async function compose(method: 'REQUEST' | 'CANCEL') {
  const { raw } = await composeEmail('hubs@example.org', {
    key: 'test-key',
    to: 'parent@example.org',
    subject: 'Your place',
    text: 'Booked',
    html: '<p>Booked</p>',
    messageId: '<m1@example.org>',
    calendar: { method, content: calendarText.replace('REQUEST', method) },
  })
  return raw.toString('utf8')
}

/** The MIME headers of the part whose Content-Type or disposition mentions `marker`. */
function partHeaders(raw: string, marker: RegExp): string[] {
  return raw
    .split(/\r\n--/)
    .map((part) => part.split('\r\n\r\n')[0]!.replace(/\r\n\s+/g, ' '))
    .filter((headers) => marker.test(headers))
}

describe('Emails with a calendar invite', () => {
  for (const method of ['REQUEST', 'CANCEL'] as const) {
    it(`sends the invite.ics attachment as text/calendar with method=${method}, like the inline part`, async () => {
      const raw = await compose(method)
      const [attachment] = partHeaders(raw, /filename="?invite\.ics/i)
      expect(attachment, 'an invite.ics attachment').to.be.a('string')
      expect(attachment).to.match(/Content-Type: text\/calendar;/i)
      expect(attachment).to.match(new RegExp(`method=${method}`, 'i'))
      expect(attachment).to.match(/charset=utf-8/i)
      expect(attachment).not.to.match(/application\/ics/i)
      const inline = partHeaders(raw, /Content-Type: text\/calendar/i).filter((headers) => !/invite\.ics/i.test(headers))
      expect(inline, 'one inline calendar alternative').to.have.length(1)
      expect(inline[0]).to.match(new RegExp(`method=${method}`, 'i'))
      const parsed = await simpleParser(raw)
      expect(parsed.text?.trim()).to.equal('Booked')
      const calendars = parsed.attachments.filter((a) => a.contentType === 'text/calendar')
      expect(calendars.map((a) => a.content.toString('utf8'))).to.include(calendarText.replace('REQUEST', method))
    })
  }
})
