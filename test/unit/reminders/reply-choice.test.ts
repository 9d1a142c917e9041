import { expect } from 'chai'
import { fitsOneSegment, isGsm7 } from '../../../src/services/notifications/gsm7.js'
import { replyChoice, replyIntent } from '../../../src/services/reminders/reply-intent.js'
import { cancelTarget, offerTarget } from '../../../src/services/reminders/reply-target.js'
import { offerAcceptedReply, whichBookingReply } from '../../../src/services/reminders/reply-texts.js'
import { londonTime } from '../../../src/time.js'

describe('which booking a text reply is about', () => {
  describe('CANCEL', () => {
    it('takes the one booking of the latest send when it can be cancelled', () => {
      expect(cancelTarget([7], [3, 7])).to.deep.equal({ kind: 'one', bookingId: 7 })
    })

    it('asks, listing the cancellable bookings soonest first, when the latest send is about several, none, or a finished booking', () => {
      for (const latest of [[7, 3], [null], [9], undefined])
        expect(cancelTarget(latest, [3, 7]), String(latest)).to.deep.equal({ kind: 'ask', choices: [3, 7] })
    })

    it('offers at most five numbered choices', () => {
      expect(cancelTarget(undefined, [1, 2, 3, 4, 5, 6, 7])).to.deep.equal({ kind: 'ask', choices: [1, 2, 3, 4, 5] })
    })

    it('has nothing to do when nothing can be cancelled', () => {
      expect(cancelTarget([7], [])).to.deep.equal({ kind: 'none' })
    })
  })

  describe('YES', () => {
    it("takes the latest send's offer, else the only offer, else asks", () => {
      expect(offerTarget([5], [4, 5])).to.deep.equal({ kind: 'one', bookingId: 5 })
      expect(offerTarget(undefined, [4])).to.deep.equal({ kind: 'one', bookingId: 4 })
      expect(offerTarget([null], [4, 5])).to.deep.equal({ kind: 'ask', choices: [4, 5] })
      expect(offerTarget([5], [])).to.deep.equal({ kind: 'none' })
    })
  })

  it('reads the number in "CANCEL 2", "cancel #2", "Yes 1 please", and none in a plain CANCEL', () => {
    expect(replyChoice('CANCEL 2')).to.equal(2)
    expect(replyChoice('cancel #2')).to.equal(2)
    expect(replyChoice('Yes 1 please')).to.equal(1)
    expect(replyChoice('Cancel')).to.equal(undefined)
    expect(replyIntent('CANCEL 2')).to.equal('cancel')
    expect(replyIntent('YES 1')).to.equal('yes')
  })

  it('words the question with a number per booking, in GSM-7', () => {
    const startsAt = londonTime('2026-09-30', '10:30')
    const text = whichBookingReply('CANCEL', [
      { title: 'Baby Massage', place: 'Foleshill Family Hub', startsAt },
      { title: "Understanding Your Child's Behaviour (Solihull Approach)", place: 'x', startsAt },
    ])
    expect(text).to.equal(
      "Which booking do you want to cancel? Reply CANCEL 1 for Baby Massage, Wed 30 Sep 10:30am, CANCEL 2 for Understanding Your Child's Behav, Wed 30 Sep 10:30am.",
    )
    expect(isGsm7(text)).to.equal(true)
  })

  it('fits the YES reply, with its reference, into one segment for long titles and hubs', () => {
    const facts = {
      title: "Understanding Your Child's Behaviour (Solihull Approach)",
      place: 'Pathways Family Hub (Wood End)',
      startsAt: londonTime('2026-09-30', '10:30'),
    }
    for (const emailed of [true, false]) {
      const text = offerAcceptedReply(facts, 'FH-7K3P-Q9', emailed)
      expect(fitsOneSegment(text), text).to.equal(true)
      expect(text).to.include('Ref FH-7K3P-Q9.')
    }
  })
})
