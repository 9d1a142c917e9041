import { expect } from 'chai'
import { replyIntent } from '../../../src/services/reminders/reply-intent.js'

describe('Reading a text reply', () => {
  it('reads CANCEL in any case, with words around it, as cancelling the booking', () => {
    for (const body of ['CANCEL', 'cancel', 'Cancel please', 'sorry, cancel. Kid is ill!', ' cAnCeL ', 'cancel stop']) {
      expect(replyIntent(body), body).to.equal('cancel')
    }
  })

  it("never reads CANCEL as an opt-out, though it is one of Twilio's default opt-out words", () => {
    expect(replyIntent('CANCEL')).not.to.equal('opt_out')
  })

  it("opts out on Twilio's opt-out words when they are the whole message", () => {
    for (const body of ['STOP', 'stop', 'Stop.', 'STOPALL', 'unsubscribe', 'END', 'quit', 'OPTOUT', 'revoke']) {
      expect(replyIntent(body), body).to.equal('opt_out')
    }
  })

  it('opts out on STOP or UNSUBSCRIBE inside a sentence, but not on "end" or "quit" in one', () => {
    expect(replyIntent('please stop texting me')).to.equal('opt_out')
    expect(replyIntent('Unsubscribe me')).to.equal('opt_out')
    expect(replyIntent('see you at the end of the week')).to.equal('other')
    expect(replyIntent('I quit smoking')).to.equal('other')
  })

  it('reads START and UNSTOP as opting back in', () => {
    expect(replyIntent('start')).to.equal('opt_in')
    expect(replyIntent('UNSTOP')).to.equal('opt_in')
  })

  it('reads YES, alone or in a sentence, as accepting an offer', () => {
    for (const body of ['YES', 'yes', 'Yes please!', 'y']) expect(replyIntent(body), body).to.equal('yes')
    expect(replyIntent('yesterday')).to.equal('other')
  })

  it('reads anything else as a question for the hub', () => {
    for (const body of ['What time is it?', 'Can I bring my sister?', '', '👍']) expect(replyIntent(body), body).to.equal('other')
  })
})
