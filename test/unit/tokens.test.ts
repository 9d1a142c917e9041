import { expect } from 'chai'
import { hashToken, linkToken, manageToken, newLinkCredentials, sameToken } from '../../src/services/tokens.js'
import { accessLinkToken } from '../../src/services/booking/access-link-tokens.js'
import { passwordResetToken } from '../../src/services/staff/password-reset-link.js'

describe('link tokens', () => {
  // Links already emailed must keep opening: these values were made by the three builders this one replaced.
  it('makes the same token as before for each purpose, so links already sent still open', () => {
    expect(linkToken('test-secret', 'manage-booking', 'nonce-1')).to.equal('nq5-qfOiq_scNeP18O6ElqujYP_0MLSMHIukgD7jrhE')
    expect(linkToken('test-secret', 'find-my-bookings', 'nonce-1')).to.equal('Itd72tL_IBat-xpXwkHtBmleos4fr_HPrah3U2n1p9g')
    expect(linkToken('test-secret', 'staff-password-reset', 'nonce-1')).to.equal('AXv9_ntTEJMr5iWGsJ9reb25FzPVa6MS7RKF6P90SJ8')
  })

  it('names each purpose once: the manage, find-my-bookings and password-reset links use it', () => {
    expect(manageToken('s', 'n')).to.equal(linkToken('s', 'manage-booking', 'n'))
    expect(accessLinkToken('s', 'n')).to.equal(linkToken('s', 'find-my-bookings', 'n'))
    expect(passwordResetToken('s', 'n')).to.equal(linkToken('s', 'staff-password-reset', 'n'))
  })

  it('never gives a token made for one purpose, or under another secret, to another', () => {
    const tokens = new Set([
      linkToken('s', 'manage-booking', 'n'),
      linkToken('s', 'find-my-bookings', 'n'),
      linkToken('s', 'staff-password-reset', 'n'),
      linkToken('other', 'manage-booking', 'n'),
      linkToken('s', 'manage-booking', 'm'),
    ])
    expect(tokens.size).to.equal(5)
  })

  it('gives new credentials a fresh nonce each time, whose token rebuilds from the nonce and is stored only as its hash', () => {
    const first = newLinkCredentials('s', 'find-my-bookings')
    const second = newLinkCredentials('s', 'find-my-bookings')
    expect(first.nonce).not.to.equal(second.nonce)
    expect(first.token).to.equal(linkToken('s', 'find-my-bookings', first.nonce))
    expect(first.tokenHash).to.equal(hashToken(first.token)).and.not.to.equal(first.token)
    expect(sameToken(first.token, linkToken('s', 'find-my-bookings', first.nonce))).to.equal(true)
    expect(sameToken(first.token, second.token)).to.equal(false)
  })
})
