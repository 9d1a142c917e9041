import { expect } from 'chai'
import request from 'supertest'
import * as cheerio from 'cheerio'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { notifications } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { aStaffUser, csrfFrom, PASSWORD, signedIn } from './staff-helpers.js'

describe('staff password reset: the email', () => {
  // An http base URL: with https the session cookie is Secure, and supertest talks plain http.
  const t = useTestApp({ fakes: { smtp: true }, env: ({ smtp }) => ({ SMTP_URL: smtp.url, BASE_URL: 'http://hub.localhost:3000' }) })

  it('emails a reset link over SMTP that sets a new password, which then signs in', async () => {
    const { app, services, config } = t
    const user = await aStaffUser('reception', { name: 'Rita Reception' })
    const agent = request.agent(app)
    const _csrf = await csrfFrom(agent, paths.staff.forgotPassword)
    await agent.post(paths.staff.forgotPassword).type('form').send({ _csrf, email: user.email }).expect(200)

    const run = await services.notificationDelivery.deliverDue()
    expect(run.outcomes).to.include({ sent: 1, failed: 0 })
    const [row] = await testDatabase().db.select().from(notifications).where(eq(notifications.kind, 'password_reset'))
    expect(row).to.include({ state: 'sent', error: null })
    const [email, ...others] = t.smtp.messagesTo(user.email)
    expect(others).to.have.length(0)
    expect(email!.subject).to.equal('Reset your password: Book a family hub course staff')
    expect(email!.text).to.contain('Hello Rita Reception').and.contain('The link works once, until')
    const link = new RegExp(`${config.baseUrl}/staff/reset/[A-Za-z0-9_%-]+`).exec(email!.text)?.[0]
    expect(link, email!.text).to.be.a('string')
    expect(
      cheerio
        .load(email!.html)('a')
        .map((_i, a) => cheerio.load(a)('a').attr('href'))
        .get(),
    ).to.include(link)

    // Follow the link from the email, as the member of staff would.
    const resetPath = new URL(link!).pathname
    const token = await csrfFrom(agent, resetPath)
    const done = await agent
      .post(resetPath)
      .type('form')
      .send({ _csrf: token, password: 'a brand new password', confirmPassword: 'a brand new password' })
      .expect(302)
    expect(done.headers.location).to.equal(paths.staff.signIn)
    const signedInAgain = await signedIn(app, user.email, 'a brand new password')
    await signedInAgain.get(paths.staff.home).expect(200)
    // The old password no longer works, and the link works once.
    const fresh = request.agent(app)
    const signInToken = await csrfFrom(fresh, paths.staff.signIn)
    await fresh.post(paths.staff.signIn).type('form').send({ _csrf: signInToken, email: user.email, password: PASSWORD }).expect(400)
    await agent.get(resetPath).expect(404)
  })
})
