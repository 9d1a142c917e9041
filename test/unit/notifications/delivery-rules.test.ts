import { expect } from 'chai'
import { retryDelayMs } from '../../../src/services/notifications/back-off.js'
import { redact } from '../../../src/data/mail/delivery-failure.js'
import { classify as classifySmtp } from '../../../src/data/mail/smtp-email-sender.js'
import { classify as classifyTwilio } from '../../../src/data/sms/twilio-sms-sender.js'

describe('Delivery rules', () => {
  it('backs off exponentially with jitter, between half and all of the step, up to an hour', () => {
    const backOff = { baseMs: 30_000, maxMs: 3_600_000 }
    expect(retryDelayMs(1, backOff, () => 0)).to.equal(15_000)
    expect(retryDelayMs(1, backOff, () => 1)).to.equal(30_000)
    expect(retryDelayMs(3, backOff, () => 1)).to.equal(120_000)
    expect(retryDelayMs(4, backOff, () => 0.5)).to.equal(180_000)
    expect(retryDelayMs(20, backOff, () => 1)).to.equal(3_600_000)
  })

  it('keeps recipients out of stored errors', () => {
    expect(redact('550 5.1.1 <ann.smith@example.com>: Recipient address rejected')).to.equal(
      '550 5.1.1 <[address]>: Recipient address rejected',
    )
    expect(redact("The 'To' number +447700900123 is not a valid phone number.")).to.equal(
      "The 'To' number [number] is not a valid phone number.",
    )
  })

  it('treats SMTP 5xx as permanent and 4xx, refused credentials or connection failures as transient before the hand-over', () => {
    expect(classifySmtp({ responseCode: 550, permanent: true, command: 'RCPT TO', response: '550 no' } as never, false).kind).to.equal(
      'permanent',
    )
    expect(classifySmtp({ responseCode: 451, permanent: false, command: 'RCPT TO', response: '451 later' } as never, false).kind).to.equal(
      'transient',
    )
    expect(classifySmtp({ code: 'ESOCKET', message: 'connect ECONNREFUSED' } as never, false).kind).to.equal('transient')
    // Wrong SMTP credentials: fixed by an operator, then the waiting messages go.
    expect(classifySmtp({ code: 'EAUTH', responseCode: 535, permanent: true, message: 'bad credentials' } as never, false).kind).to.equal(
      'transient',
    )
  })

  it('treats a lost answer after the hand-over as in doubt, but an explicit refusal of the message as certain', () => {
    expect(classifySmtp({ code: 'ECONNECTION', message: 'Connection closed' } as never, true).kind).to.equal('in_doubt')
    expect(classifySmtp({ code: 'ETIMEDOUT', message: 'Timeout' } as never, true).kind).to.equal('in_doubt')
    expect(classifySmtp({ code: 'EMESSAGE', responseCode: 554, permanent: true, message: 'spam' } as never, true).kind).to.equal(
      'permanent',
    )
    expect(classifySmtp({ code: 'EMESSAGE', responseCode: 452, permanent: false, message: 'full' } as never, true).kind).to.equal(
      'transient',
    )
  })

  it('sorts Twilio errors: 429, 5xx and credentials transient; 21211 and 21610 permanent; a timeout in doubt', () => {
    expect(classifyTwilio({ status: 429, code: 20429 }).kind).to.equal('transient')
    expect(classifyTwilio({ status: 503 }).kind).to.equal('transient')
    expect(classifyTwilio({ status: 401, code: 20003 }).kind).to.equal('transient')
    expect(classifyTwilio({ status: 400, code: 21211 })).to.include({ kind: 'permanent', providerCode: 21211 })
    expect(classifyTwilio({ status: 400, code: 21610 })).to.include({ kind: 'permanent', providerCode: 21610 })
    expect(classifyTwilio({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).kind).to.equal('transient')
    expect(classifyTwilio({ code: 'ECONNABORTED', message: 'timeout of 20000ms exceeded' }).kind).to.equal('in_doubt')
    expect(classifyTwilio({ code: 'ECONNRESET', message: 'socket hang up' }).kind).to.equal('in_doubt')
  })
})
