import { expect } from 'chai'
import type { NotificationRow } from '../../../src/data/notifications/notification-repository.js'
import type { MessageContextRepository } from '../../../src/data/notifications/message-context-repository.js'
import { messageKind } from '../../../src/services/notifications/message-kinds.js'
import { MessageRenderer } from '../../../src/services/notifications/message-renderer.js'
import { gsm7Length } from '../../../src/services/notifications/gsm7.js'
import { unsubscribeUrl } from '../../../src/services/new-dates/new-dates-service.js'
import { settings } from './message-fixtures.js'

const renderer = new MessageRenderer(
  { ...settings, mailFrom: 'Family Hubs <bookings@familyhubs.example>', cacheTemplates: false },
  {} as MessageContextRepository,
)

function aNewDatesRow(channel: 'email' | 'sms', language = 'en'): NotificationRow {
  return {
    id: 9,
    createdAt: new Date(),
    kind: 'new_dates',
    channel,
    bookingId: null,
    sessionId: null,
    dedupeKey: `new_dates:3:41:${channel}`,
    recipient: channel === 'email' ? 'sub@example.com' : '+447700900111',
    payload: {
      language,
      unsubscribeNonce: 'a-nonce',
      courseId: 41,
      title: 'Understanding your child’s behaviour',
      kind: 'course',
      hubName: 'Foleshill Family Hub',
      firstStartsAt: '2027-03-22T10:00:00.000Z',
      sessionCount: 6,
    },
  } as unknown as NotificationRow
}

describe('the new_dates message', () => {
  const kind = messageKind('new_dates')!
  const stop = unsubscribeUrl(settings, 'a-nonce')

  it('has an email with HTML and text parts, the course link and the one-click unsubscribe link', async () => {
    const row = aNewDatesRow('email')
    const email = await renderer.email(row, await renderer.view(row, kind), kind)
    expect(email.subject).to.equal('Places free: Understanding your child’s behaviour')
    expect(email.text).to.contain(`${settings.baseUrl}/courses/41`).and.contain(stop).and.contain('Foleshill Family Hub')
    expect(email.html).to.contain(`href="${stop}"`).and.contain(`href="${settings.baseUrl}/courses/41"`)
  })

  it('fits an English text in one segment, with the one link that offers both booking and stopping', async () => {
    const row = aNewDatesRow('sms')
    const text = renderer.sms(await renderer.view(row, kind), kind)
    expect(gsm7Length(text)).to.be.at.most(160)
    expect(text).to.contain(stop).and.contain('Places free')
  })

  it('writes the email in the subscriber’s language', async () => {
    const row = aNewDatesRow('email', 'pl')
    const email = await renderer.email(row, await renderer.view(row, kind), kind)
    expect(email.subject).to.equal('Wolne miejsca: Understanding your child’s behaviour')
    expect(email.text).to.contain('Zobacz terminy i zarezerwuj')
  })
})
