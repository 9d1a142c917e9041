import { expect } from 'chai'
import { redactPath } from '../../src/middleware/set-up-request-logging.js'

describe('request logging', () => {
  it('keeps private link tokens out of logged paths', () => {
    expect(redactPath('/manage/abcDEF123_-')).to.equal('/manage/[token]')
    expect(redactPath('/manage/abcDEF123/cancel')).to.equal('/manage/[token]/cancel')
    expect(redactPath('/find-my-bookings/tok3n')).to.equal('/find-my-bookings/[token]')
    expect(redactPath('/staff/reset/tok3n')).to.equal('/staff/reset/[token]')
  })

  it('leaves ordinary paths alone', () => {
    expect(redactPath('/courses/12/book')).to.equal('/courses/12/book')
    expect(redactPath('/find-my-bookings')).to.equal('/find-my-bookings')
  })
})
