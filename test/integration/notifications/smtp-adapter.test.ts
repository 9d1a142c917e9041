import { expect } from 'chai'
import { SmtpEmailSender } from '../../../src/data/mail/smtp-email-sender.js'
import { DeliveryFailure } from '../../../src/data/mail/delivery-failure.js'
import { useFakes } from '../../support/use-test-app.js'
import type { OutgoingEmail } from '../../../src/data/mail/email-sender.js'

const anEmail = (to = 'amira@example.com'): OutgoingEmail => ({
  key: 'n1-test',
  messageId: '<n1-test.abc@familyhubs.example>',
  to,
  subject: 'Booking confirmed',
  text: 'Hello',
  html: '<p>Hello</p>',
})

/** The SMTP adapter's hand-over: the moment the delivery service records a send before it happens. */
describe('SMTP adapter: the hand-over before the final dot', () => {
  const fakes = useFakes({ smtp: true })
  let sender: SmtpEmailSender

  before(() => {
    sender = new SmtpEmailSender(fakes.smtp.url, 'Family Hubs <bookings@familyhubs.example>')
  })

  it('hands over once, after the envelope is accepted and before the server has the message', async () => {
    const seen: number[] = []
    const sent = await sender.send(anEmail(), async () => {
      seen.push(fakes.smtp.messages.length)
    })
    expect(seen).to.deep.equal([0])
    expect(fakes.smtp.messages).to.have.length(1)
    expect(sent.providerMessageId).to.equal('<n1-test.abc@familyhubs.example>')
    expect(fakes.smtp.messages[0]!.messageId).to.equal('<n1-test.abc@familyhubs.example>')
  })

  it('never hands over a message whose recipient the server refuses', async () => {
    fakes.smtp.failFor('nobody@example.com', { at: 'rcpt', code: 550, message: 'No such user' })
    let handedOver = false
    const error = await sender.send(anEmail('nobody@example.com'), async () => void (handedOver = true)).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(DeliveryFailure).and.include({ kind: 'permanent', providerCode: 550 })
    expect(handedOver).to.equal(false)
  })

  it('sends nothing when the hand-over refuses (the claim was lost), and passes its error on', async () => {
    const refusal = new Error('claim lost')
    const error = await sender
      .send(anEmail(), async () => {
        throw refusal
      })
      .catch((e: unknown) => e)
    expect(error).to.equal(refusal)
    // The server saw DATA start but never the final dot: it keeps nothing.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fakes.smtp.messages).to.have.length(0)
  })

  it('reports a server that is down as a passing failure, before any hand-over', async () => {
    await fakes.smtp.stop()
    let handedOver = false
    const error = await sender.send(anEmail(), async () => void (handedOver = true)).catch((e: unknown) => e)
    expect(error).to.be.instanceOf(DeliveryFailure).and.include({ kind: 'transient' })
    expect(handedOver).to.equal(false)
  })
})
