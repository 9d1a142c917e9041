import { expect } from 'chai'
import { retryAt } from '../../../src/services/notifications/back-off.js'
import { londonTime } from '../../../src/time.js'

const quiet = { start: 21, end: 8 }
const noJitter = () => 1

describe('when a failed message is tried again', () => {
  it('waits out the quiet hours for a text whose retry would fall after 9pm', () => {
    // Attempt 3 waits 2 minutes (30s x 2^2); from 20:59 that is 21:01, inside the quiet hours.
    const at = retryAt(londonTime('2026-12-01', '20:59'), 3, 'sms', quiet, undefined, noJitter)
    expect(at.toISOString()).to.equal(londonTime('2026-12-02', '08:00').toISOString())
  })

  it('keeps the back-off for a text whose retry is still in the day', () => {
    const at = retryAt(londonTime('2026-12-01', '14:00'), 3, 'sms', quiet, undefined, noJitter)
    expect(at.toISOString()).to.equal(londonTime('2026-12-01', '14:02').toISOString())
  })

  it('retries an email at night: quiet hours are for texts', () => {
    const at = retryAt(londonTime('2026-12-01', '20:59'), 3, 'email', quiet, undefined, noJitter)
    expect(at.toISOString()).to.equal(londonTime('2026-12-01', '21:01').toISOString())
  })

  it('moves an early-morning retry to 8am the same day, in summer time too', () => {
    const at = retryAt(londonTime('2026-07-01', '06:00'), 1, 'sms', quiet, undefined, noJitter)
    expect(at.toISOString()).to.equal(londonTime('2026-07-01', '08:00').toISOString())
  })
})
