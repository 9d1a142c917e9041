import { expect } from 'chai'
import { fitsOneSegment, gsm7Length, isGsm7, toGsm7 } from '../../../src/services/notifications/gsm7.js'
import {
  cancelledReply,
  helpReply,
  nothingToCancelReply,
  offerEndedReply,
  optedInReply,
  optedOutReply,
  reminderText,
  type SessionFacts,
} from '../../../src/services/notifications/text-messages.js'
import { londonTime } from '../../../src/time.js'

// Long but realistic: the longest programme titles and hub names a Coventry family hub might use,
// on the longest date and time format ("Wed 30 Sep, 10:30am").
const longTitles = [
  "Understanding Your Child's Behaviour (Solihull Approach)",
  'Incredible Years: Parenting Babies and Toddlers',
  'Baby Massage and Yoga for Parents and Carers',
]
const longHubs = ['Families for All Family Hub', 'Moat House Family Hub', 'Pathways Family Hub (Wood End)']
const longestTime = londonTime('2026-09-30', '10:30')
const longHub = { name: 'Families for All Family Hub', phone: '024 7678 8430' }

const allFacts: SessionFacts[] = longTitles.flatMap((title) => longHubs.map((place) => ({ title, place, startsAt: longestTime })))

const templates: [string, (s: SessionFacts) => string][] = [
  ['reminder', reminderText],
  ['cancelled reply', cancelledReply],
  ['nothing to cancel reply', () => nothingToCancelReply(longHub)],
  ['nothing to cancel reply (no hub known)', () => nothingToCancelReply(undefined)],
  ['offer ended reply', () => offerEndedReply(longHub)],
  ['offer ended reply (no hub known)', () => offerEndedReply(undefined)],
  ['help reply', () => helpReply(longHub)],
  ['help reply (no hub known)', () => helpReply(undefined)],
  ['opted out reply', () => optedOutReply()],
  ['opted in reply', () => optedInReply()],
]

describe('Text message templates', () => {
  for (const [name, template] of templates) {
    it(`${name}: one GSM-7 segment with long, realistic names, hubs and times, nothing cut`, () => {
      for (const facts of allFacts) {
        const text = template(facts)
        expect(isGsm7(text), text).to.equal(true)
        expect(gsm7Length(text), text).to.be.at.most(160)
        expect(text, text).not.to.include('...')
      }
    })
  }

  it('offers the way out in every reminder', () => {
    for (const facts of allFacts) expect(reminderText(facts)).to.include("Reply CANCEL if you can't come.")
  })

  it('says what, when and where in a reminder', () => {
    const text = reminderText({ title: 'Baby Massage', place: 'Foleshill Family Hub', startsAt: londonTime('2026-03-30', '10:00') })
    expect(text).to.equal("Reminder: Baby Massage, Mon 30 Mar, 10am, Foleshill Family Hub. Reply CANCEL if you can't come.")
  })

  it('keeps a text GSM-7 and one segment whatever staff typed: curly quotes, dashes, emoji, very long names', () => {
    const facts = {
      title: 'Understanding your child’s behaviour — “Solihull” approach 🙂 for parents, carers and grandparents of children aged 0–19',
      place: 'Families for All Family Hub – Hillfields, Coventry (upstairs community room, entrance by the car park)',
      startsAt: longestTime,
    }
    for (const [name, template] of templates) {
      const text = template(facts)
      expect(fitsOneSegment(text), `${name}: ${text}`).to.equal(true)
    }
    expect(reminderText(facts)).to.include("Reply CANCEL if you can't come.")
    expect(reminderText(facts)).to.include('Understanding your child\'s behaviour - "Solihull"')
  })

  it('counts extended characters as two and turns accents outside the alphabet into plain letters', () => {
    expect(gsm7Length('[€]')).to.equal(6)
    expect(isGsm7('café')).to.equal(true)
    expect(toGsm7('Françoise Zoë Łukasz Şahin')).to.equal('Francoise Zoe Lukasz Sahin')
  })
})
