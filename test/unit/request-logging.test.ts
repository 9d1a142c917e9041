import { expect } from 'chai'
import { redactPath, shouldLog } from '../../src/middleware/set-up-request-logging.js'

describe('request logging', () => {
  it('keeps private link tokens out of logged paths', () => {
    expect(redactPath('/manage/abcDEF123_-')).to.equal('/manage/[token]')
    expect(redactPath('/manage/abcDEF123/cancel')).to.equal('/manage/[token]/cancel')
    expect(redactPath('/find-my-bookings/tok3n')).to.equal('/find-my-bookings/[token]')
    expect(redactPath('/staff/reset/tok3n')).to.equal('/staff/reset/[token]')
    expect(redactPath('/calendar/tok3n.ics')).to.equal('/calendar/[token]')
  })

  it('leaves ordinary paths alone', () => {
    expect(redactPath('/courses/12/book')).to.equal('/courses/12/book')
    expect(redactPath('/find-my-bookings')).to.equal('/find-my-bookings')
  })

  it('logs pages, never health probes or the built assets', () => {
    expect(shouldLog('/courses?topic=sleep')).to.equal(true)
    expect(shouldLog('/healthz')).to.equal(false)
    expect(shouldLog('/assets/fonts/x.woff2')).to.equal(false)
  })

  it('leaves out static files in development (one line per page), and keeps them otherwise', () => {
    const development = { skipStaticFiles: true }
    expect(shouldLog('/public/build/application.css', development)).to.equal(false)
    expect(shouldLog('/favicon.ico', development)).to.equal(false)
    expect(shouldLog('/courses', development)).to.equal(true)
    expect(shouldLog('/public/build/application.css')).to.equal(true)
  })
})
