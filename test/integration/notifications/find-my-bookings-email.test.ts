import { expect } from 'chai'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { AccessLinkRepository } from '../../../src/data/booking/access-link-repository.js'
import { accessLinkToken } from '../../../src/services/booking/access-link-tokens.js'
import { hashToken, randomToken } from '../../../src/services/tokens.js'
import { londonTime } from '../../../src/time.js'

const BASE_URL = 'https://familyhubs.coventry.example'

describe('Notifications: the "find my bookings" email', () => {
  const t = useTestApp({ fakes: { smtp: true }, env: ({ smtp }) => ({ SMTP_URL: smtp.url, BASE_URL }) })

  it('emails the link made from the outbox row nonce, which opens the access link the booking service stored', async () => {
    const nonce = randomToken()
    const tokenHash = hashToken(accessLinkToken(t.config.sessionSecret, nonce))
    const expiresAt = londonTime('2027-03-20', '15:00')
    // As the booking service writes it (services/booking/find-my-bookings-service.ts).
    await testDatabase().db.transaction(async (tx) => {
      await new AccessLinkRepository().insert(tx, { tokenHash, email: 'amira@example.com', expiresAt })
      await new AccessLinkRepository().recordLinkEmail(tx, { email: 'amira@example.com', tokenHash, nonce, expiresAt })
    })

    await t.services.notificationDelivery.deliverDue()

    const email = t.smtp.messagesTo('amira@example.com')[0]!
    expect(email.subject).to.equal('Your bookings: Book a family hub course')
    const link = /https:\/\/familyhubs\.coventry\.example\/find-my-bookings\/([A-Za-z0-9_-]+)/.exec(email.text)
    expect(link, email.text).not.to.equal(null)
    expect(hashToken(link![1]!)).to.equal(tokenHash)
    expect(email.text).to.include('until 3pm on Saturday 20 March 2027')
    expect(email.html).to.include(`href="${link![0]}"`)
  })
})
