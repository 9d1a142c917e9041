import { expect } from 'chai'
import { hashPassword, passwordProblem, verifyPassword } from '../../../src/services/staff/passwords.js'

describe('staff passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies only the right password', async () => {
    const one = await hashPassword('correct horse battery staple')
    const two = await hashPassword('correct horse battery staple')
    expect(one).to.match(/^scrypt\$16384\$8\$1\$/)
    expect(one).not.to.equal(two)
    expect(await verifyPassword('correct horse battery staple', one)).to.equal(true)
    expect(await verifyPassword('correct horse battery stapler', one)).to.equal(false)
  })

  it('matches nothing against a damaged hash', async () => {
    expect(await verifyPassword('x', 'scrypt$1$1$1$AA==$AA==')).to.equal(false)
    expect(await verifyPassword('x', 'plain-text')).to.equal(false)
  })

  it('asks for at least 12 characters', () => {
    expect(passwordProblem('short')).to.contain('12 characters')
    expect(passwordProblem('twelve chars')).to.equal(undefined)
  })
})
