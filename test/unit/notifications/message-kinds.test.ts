import { existsSync } from 'node:fs'
import { expect } from 'chai'
import type { NotificationRow } from '../../../src/data/notifications/notification-repository.js'
import type { MessageContextRepository } from '../../../src/data/notifications/message-context-repository.js'
import { fromRoot } from '../../../src/project-root.js'
import { bookingMessageKinds, sessionChangeKinds } from '../../../src/services/notifications/booking-notifier.js'
import { messageKind } from '../../../src/services/notifications/message-kinds.js'
import { MessageRenderer, NothingToSay } from '../../../src/services/notifications/message-renderer.js'
import { passwordResetLink } from '../../../src/services/staff/password-reset-link.js'
import { settings } from './message-fixtures.js'

/**
 * Every kind of row the app writes to the outbox: the booking service and staff (through the
 * notifier), "find my bookings", and staff password resets (services/staff/auth-service.ts).
 * Reminders are checked with the reminder rules.
 */
const writtenKinds = [...bookingMessageKinds, ...sessionChangeKinds, 'find_my_bookings', 'password_reset']

const renderer = new MessageRenderer(
  { ...settings, mailFrom: 'Family Hubs <bookings@familyhubs.example>', cacheTemplates: false },
  {} as MessageContextRepository,
)

function aResetRow(payload: Record<string, unknown>): NotificationRow {
  return {
    id: 7,
    createdAt: new Date(),
    kind: 'password_reset',
    channel: 'email',
    bookingId: null,
    sessionId: null,
    dedupeKey: 'password_reset:x',
    recipient: 'rita@hub.example',
    payload,
  } as unknown as NotificationRow
}

describe('Message kinds', () => {
  it('can render every kind of message the app writes, with both email templates present', () => {
    for (const name of writtenKinds) {
      const kind = messageKind(name)
      expect(kind, `${name} is in the table`).not.to.equal(undefined)
      for (const part of ['html', 'text'])
        expect(existsSync(fromRoot('views', 'emails', `${kind!.template}.${part}.ejs`)), `${name}.${part}`).to.equal(true)
    }
  })

  it('renders the password reset email, with no booking, carrying the link made from the row’s nonce', async () => {
    const row = aResetRow({ resetNonce: 'a-nonce', staffName: 'Rita Reception', expiresAt: '2027-03-20T15:00:00.000Z' })
    const kind = messageKind('password_reset')!
    const email = await renderer.email(row, await renderer.view(row, kind), kind)
    const link = passwordResetLink(settings.baseUrl, settings.sessionSecret, { resetNonce: 'a-nonce' })
    expect(email.text).to.contain(link).and.contain('Hello Rita Reception').and.contain('until 3pm on Saturday 20 March 2027')
    expect(email.html).to.contain(`href="${link}"`)
    expect(email.calendar).to.equal(undefined)
  })

  it('skips a password reset row that has no nonce to make the link from', async () => {
    const row = aResetRow({ staffName: 'Rita Reception' })
    const failure = await renderer.view(row, messageKind('password_reset')!).catch((error: unknown) => error)
    expect(failure).to.be.instanceOf(NothingToSay)
  })
})
