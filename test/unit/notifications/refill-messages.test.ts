import { expect } from 'chai'
import type { NotificationRow } from '../../../src/data/notifications/notification-repository.js'
import type { MessageContextRepository } from '../../../src/data/notifications/message-context-repository.js'
import { messageKind } from '../../../src/services/notifications/message-kinds.js'
import { MessageRenderer } from '../../../src/services/notifications/message-renderer.js'
import { gsm7Length, smsSize } from '../../../src/services/notifications/gsm7.js'
import { languages, type Language } from '../../../src/i18n/languages.js'
import { aContext, aHubRow, aSessionRow, aView, settings } from './message-fixtures.js'

const closesAt = '2027-03-29T08:30:00.000Z'
const payload = { openOfferId: 4, closesAt }
const titles = [
  'Baby massage',
  "Understanding your child's behaviour",
  'Solihull Approach: understanding your child, for parents of teenagers',
]
const hubs = [aHubRow(), aHubRow({ name: 'Willenhall and Wood End Family Hub (Jardine Crescent)' }), null]

function rendererFor(language: Language) {
  const context = aContext({ status: 'waiting', sessions: [aSessionRow(11, '2027-03-29', '09:30', '11:30')] })
  const contexts = { forBooking: async () => ({ ...context, booking: { ...context.booking, language } }) }
  return new MessageRenderer(
    { ...settings, mailFrom: 'Family Hubs <bookings@familyhubs.example>', cacheTemplates: false },
    contexts as unknown as MessageContextRepository,
  )
}

const aRow = (kind: string): NotificationRow =>
  ({
    id: 9,
    createdAt: new Date(),
    kind,
    channel: 'email',
    bookingId: 1,
    sessionId: null,
    dedupeKey: `${kind}:1:0:open:4:email`,
    recipient: 'parent@example.org',
    payload,
  }) as unknown as NotificationRow

describe('Open-offer messages (place_open_offer, place_gone)', () => {
  for (const kind of ['place_open_offer', 'place_gone']) {
    it(`${kind}: an English text fits one GSM-7 segment where the link leaves room, never more than two, with the reference and link`, () => {
      for (const title of titles) {
        for (const hub of hubs) {
          const view = aView(
            kind,
            aContext({ title, hub, status: 'waiting', sessions: [aSessionRow(11, '2027-03-29', '09:30', '11:30')] }),
            { payload },
          )
          const text = messageKind(kind)!.sms!(view)
          expect(smsSize(text).segments, `${gsm7Length(text)}: ${text}`).to.be.at.most(kind === 'place_gone' ? 1 : 2)
          if (kind === 'place_open_offer') expect(text).to.include('https://')
          expect(text)
            .to.include('FH-7K3P-Q9')
            .and.not.match(/undefined|NaN|\{\{/)
        }
      }
    })

    it(`${kind}: renders HTML and text emails in every language, with no key left untranslated`, async () => {
      for (const language of languages) {
        const renderer = rendererFor(language)
        const definition = messageKind(kind)!
        const row = aRow(kind)
        const email = await renderer.email(row, await renderer.view(row, definition), definition)
        for (const part of [email.subject, email.html, email.text])
          expect(part, `${language}: ${part}`).not.to.match(/refill:|undefined|\{\{/)
        expect(email.text).to.contain('FH-7K3P-Q9')
      }
    })
  }

  it('tells the family the exact time an open offer closes, in the email and the text', async () => {
    const renderer = rendererFor('en')
    const definition = messageKind('place_open_offer')!
    const row = aRow('place_open_offer')
    const email = await renderer.email(row, await renderer.view(row, definition), definition)
    expect(email.text).to.contain('You can accept it until 9:30am on Monday 29 March 2027')
    const text = definition.sms!(aView('place_open_offer', aContext({ status: 'waiting' }), { payload }))
    expect(text).to.contain('reply YES').and.contain('9:30am')
  })

  it('keeps Punjabi and Arabic texts whole rather than stripping their letters', () => {
    for (const language of ['pa', 'ar'] as const) {
      const text = messageKind('place_gone')!.sms!(aView('place_gone', aContext({ status: 'waiting' }), { payload, language }))
      expect(text, language).to.match(language === 'pa' ? /[\u0A00-\u0A7F]/ : /[\u0600-\u06FF]/)
      expect(text).to.contain('FH-7K3P-Q9')
    }
  })

  it('does not send an open offer to a family no longer waiting, or after it closed', () => {
    const kind = messageKind('place_open_offer')!
    expect(kind.staleBecause!(aView('place_open_offer', aContext({ status: 'confirmed' }), { payload }))).to.match(/no longer waiting/)
    expect(
      kind.staleBecause!(aView('place_open_offer', aContext({ status: 'waiting' }), { payload: { closesAt: '2020-01-01T00:00:00Z' } })),
    ).to.match(/closed/)
  })
})
