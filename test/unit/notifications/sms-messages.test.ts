import { expect } from 'chai'
import { messageKind } from '../../../src/services/notifications/message-kinds.js'
import { fitsOneSegment, gsm7Length, smsSize } from '../../../src/services/notifications/gsm7.js'
import { aContext, aHubRow, aSessionRow, aView } from './message-fixtures.js'

const kinds = [
  'booking_confirmed',
  'waitlist_joined',
  'place_offered',
  'offer_expired',
  'booking_cancelled',
  'waitlist_left',
  'session_moved',
  'session_cancelled',
] as const
const titles = [
  'Baby massage',
  'Incredible Years',
  "Understanding your child's behaviour",
  'Solihull Approach: understanding your child, for parents of teenagers',
]
const hubs = [
  aHubRow(),
  aHubRow({ name: 'Moat House Family Hub' }),
  aHubRow({ name: 'Willenhall and Wood End Family Hub (Jardine Crescent)' }),
  null,
]

describe('Text messages for booking events', () => {
  for (const kind of kinds) {
    it(`${kind}: fits one GSM-7 segment (an offer two) and carries the reference, with realistic names, hubs and times`, () => {
      for (const title of titles) {
        for (const hub of hubs) {
          for (const sessions of [
            [aSessionRow(11, '2027-03-29', '09:30', '11:30')],
            [aSessionRow(11, '2027-09-29', '13:15', '15:00'), aSessionRow(12, '2027-10-06', '13:15', '15:00')],
          ]) {
            const status = kind === 'place_offered' ? 'offered' : kind === 'waitlist_joined' ? 'waiting' : 'confirmed'
            const view = aView(kind, aContext({ title, hub, sessions, status }), {
              sessionId: 11,
              payload: { waitlistPosition: 12, previousStartsAt: '2027-09-22T12:15:00.000Z' },
            })
            const text = messageKind(kind)!.sms!(view)
            // An offer keeps its link (the way to accept) and takes a second segment for it when it must.
            if (kind === 'place_offered') {
              expect(smsSize(text), text).to.include({ encoding: 'GSM-7' })
              expect(smsSize(text).segments, text).to.be.at.most(2)
              expect(text, text).to.include(view.booking!.manageUrl)
            } else expect(fitsOneSegment(text), `${gsm7Length(text)}: ${text}`).to.equal(true)
            expect(text, text).to.include('FH-7K3P-Q9')
            expect(text, text).not.to.match(/undefined|NaN|\u2019/)
          }
        }
      }
    })
  }

  it('keeps an ordinary title whole in the confirmation, with the manage link (and the hub when there is room)', () => {
    const sessions = [aSessionRow(11, '2027-03-29', '09:30', '11:30')]
    const view = aView('booking_confirmed', aContext({ title: 'Incredible Years', sessions }))
    const text = messageKind('booking_confirmed')!.sms!(view)
    expect(text).to.equal(`Booked: Incredible Years, Mon 29 Mar, 9:30am. Ref FH-7K3P-Q9. ${view.booking!.manageUrl}`)
    const local = aView('booking_confirmed', aContext({ title: 'Incredible Years', sessions }), { baseUrl: 'http://localhost:3000' })
    expect(messageKind('booking_confirmed')!.sms!(local)).to.equal(
      `Booked: Incredible Years, Mon 29 Mar, 9:30am, Foleshill Family Hub. Ref FH-7K3P-Q9. ${local.booking!.manageUrl}`,
    )
  })

  it('always gives the manage link in a confirmation, shortening a long title to make room', () => {
    for (const title of titles) {
      const view = aView('booking_confirmed', aContext({ title }))
      const text = messageKind('booking_confirmed')!.sms!(view)
      expect(text, text).to.include(view.booking!.manageUrl)
    }
  })

  it('offers a free place with the way to take it: reply YES, and the deadline', () => {
    const view = aView('place_offered', aContext({ title: 'Incredible Years', status: 'offered' }))
    const text = messageKind('place_offered')!.sms!(view)
    expect(text).to.include('Reply YES by 2pm Sat 20 Mar')
  })

  it('makes typographic punctuation plain, so that one character does not turn a text into three', () => {
    const view = aView('booking_cancelled', aContext({ title: 'Parents\u2019 group \u2013 \u201Cfirst steps\u201D' }))
    const text = messageKind('booking_cancelled')!.sms!(view)
    expect(text).to.include('Parents\' group - "first steps"')
  })
})
