import { expect } from 'chai'
import request from 'supertest'
import * as cheerio from 'cheerio'
import { eq, like } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { notifications, passwordResets, rateLimits } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { passwordResetLink } from '../../../src/services/staff/password-reset-link.js'
import { aStaffUser, csrfFrom, PASSWORD, postForm, signedIn } from './staff-helpers.js'

describe('staff sign-in', () => {
  const t = useTestApp()

  it('sends a signed-out visitor to the sign-in page', async () => {
    const { app } = t
    const res = await request(app).get(paths.staff.families.index).expect(302)
    expect(res.headers.location).to.equal(paths.staff.signIn)
  })

  it('signs in with the right password, with a new session id, and returns to the page asked for', async () => {
    const { app } = t
    const user = await aStaffUser('reception')
    const agent = request.agent(app)
    await agent.get(paths.staff.families.index).expect(302)
    const _csrf = await csrfFrom(agent, paths.staff.signIn)
    const res = await agent
      .post(paths.staff.signIn)
      .type('form')
      .send({ _csrf, email: user.email.toUpperCase(), password: PASSWORD })
      .expect(302)
    expect(res.headers.location).to.equal(paths.staff.families.index)
    const cookie = String(res.headers['set-cookie'])
    expect(cookie)
      .to.match(/fh\.sid=/)
      .and.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i)
    await agent.get(paths.staff.home).expect(200)
  })

  it('changes the session id at sign-in (no session fixation)', async () => {
    const { app } = t
    const user = await aStaffUser('reception')
    const agent = request.agent(app)
    const page = await agent.get(paths.staff.signIn)
    const firstSid = /fh\.sid=([^;]+)/.exec(String(page.headers['set-cookie']))?.[1]
    expect(firstSid, 'a session before sign-in (the CSRF token)').to.be.a('string')
    const _csrf = cheerio.load(page.text)('input[name=_csrf]').val() as string
    const res = await agent.post(paths.staff.signIn).type('form').send({ _csrf, email: user.email, password: PASSWORD }).expect(302)
    const newSid = /fh\.sid=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1]
    expect(newSid).to.be.a('string').and.not.equal(firstSid)
    // The old id is no longer signed in.
    const old = await request(app).get(paths.staff.home).set('Cookie', `fh.sid=${firstSid}`)
    expect(old.status).to.equal(302)
  })

  it('says the same thing for a wrong password and an unknown email', async () => {
    const { app } = t
    const user = await aStaffUser('reception')
    const agent = request.agent(app)
    for (const [email, password] of [
      [user.email, 'wrong password here'],
      ['nobody@hub.example', PASSWORD],
    ]) {
      const _csrf = await csrfFrom(agent, paths.staff.signIn)
      const res = await agent.post(paths.staff.signIn).type('form').send({ _csrf, email, password }).expect(400)
      const $ = cheerio.load(res.text)
      expect($('.govuk-error-summary').text()).to.contain('Enter a correct email address and password')
      expect($('title').text()).to.match(/^Error: /)
    }
  })

  it('locks an account out after 5 failed attempts, even with the right password, and says so', async () => {
    const { app } = t
    const user = await aStaffUser('reception')
    const agent = request.agent(app)
    for (let i = 0; i < 5; i++) {
      const _csrf = await csrfFrom(agent, paths.staff.signIn)
      await agent
        .post(paths.staff.signIn)
        .type('form')
        .send({ _csrf, email: user.email, password: `wrong ${i}` })
        .expect(400)
    }
    const _csrf = await csrfFrom(agent, paths.staff.signIn)
    const res = await agent.post(paths.staff.signIn).type('form').send({ _csrf, email: user.email, password: PASSWORD }).expect(429)
    expect(cheerio.load(res.text)('.govuk-error-summary').text()).to.contain('Too many attempts to sign in')
    // Another account from the same address is not locked.
    const other = await aStaffUser('facilitator')
    await signedIn(app, other.email)
  })

  it('locks an address out after 50 failed attempts across many emails', async () => {
    const { app } = t
    const user = await aStaffUser('reception')
    const agent = request.agent(app)
    const _csrf = await csrfFrom(agent, paths.staff.signIn)
    for (let i = 0; i < 50; i++) {
      await agent
        .post(paths.staff.signIn)
        .type('form')
        .send({ _csrf, email: `guess-${i}@hub.example`, password: 'a guess' })
        .expect(400)
    }
    await agent.post(paths.staff.signIn).type('form').send({ _csrf, email: user.email, password: PASSWORD }).expect(429)
  })

  it('locks for 15 minutes from the failure that locks, not from the first failure, and says how long', async () => {
    const { app } = t
    const user = await aStaffUser('reception')
    const agent = request.agent(app)
    const fail = async (password: string) => {
      const _csrf = await csrfFrom(agent, paths.staff.signIn)
      return agent.post(paths.staff.signIn).type('form').send({ _csrf, email: user.email, password })
    }
    for (let i = 0; i < 4; i++) await fail(`wrong ${i}`).then((res) => expect(res.status).to.equal(400))
    // As if those four failures began 14 minutes ago: the 15-minute counting window has a minute left.
    await testDatabase()
      .db.update(rateLimits)
      .set({ expire: Date.now() + 60_000 })
      .where(like(rateLimits.key, 'staff-sign-in-account:%'))
    await fail('wrong again').then((res) => expect(res.status).to.equal(400))
    const res = await fail(PASSWORD)
    expect(res.status).to.equal(429)
    expect(cheerio.load(res.text)('.govuk-error-summary').text()).to.contain('Try again in 15 minutes')
  })

  it('locks an address for an hour from the 50th failure, however long the 50 took', async () => {
    const { app } = t
    const agent = request.agent(app)
    const _csrf = await csrfFrom(agent, paths.staff.signIn)
    const fail = (i: number) =>
      agent
        .post(paths.staff.signIn)
        .type('form')
        .send({ _csrf, email: `guess-${i}@hub.example`, password: 'a guess' })
    for (let i = 0; i < 49; i++) await fail(i).then((res) => expect(res.status).to.equal(400))
    // As if the first failure was 55 minutes ago.
    await testDatabase()
      .db.update(rateLimits)
      .set({ expire: Date.now() + 5 * 60_000 })
      .where(like(rateLimits.key, 'staff-sign-in-address:%'))
    await fail(49).then((res) => expect(res.status).to.equal(400))
    const res = await fail(50)
    expect(res.status).to.equal(429)
    expect(cheerio.load(res.text)('.govuk-error-summary').text()).to.contain('Try again in 60 minutes')
  })

  it('signs out this browser', async () => {
    const { app } = t
    const user = await aStaffUser('reception')
    const agent = await signedIn(app, user.email)
    await postForm(agent, paths.staff.signOut, {}).then((res) => expect(res.status).to.equal(302))
    await agent.get(paths.staff.home).expect(302)
  })

  it('signs out everywhere: other browsers lose their session at their next request', async () => {
    const { app } = t
    const user = await aStaffUser('reception')
    const laptop = await signedIn(app, user.email)
    const phone = await signedIn(app, user.email)
    await phone.get(paths.staff.home).expect(200)
    const res = await postForm(laptop, paths.staff.signOutEverywhere, {})
    expect(res.status).to.equal(302)
    const after = await phone.get(paths.staff.home)
    expect(after.status).to.equal(302)
    expect(after.headers.location).to.equal(paths.staff.signIn)
    await laptop.get(paths.staff.home).expect(302)
    // Signing in again works.
    await (await signedIn(app, user.email)).get(paths.staff.home).expect(200)
  })

  it('resets a password by an emailed link that works once, within the hour, and ends other sessions', async () => {
    const { app, config } = t
    const user = await aStaffUser('facilitator')
    const other = await signedIn(app, user.email)
    const agent = request.agent(app)
    const _csrf = await csrfFrom(agent, paths.staff.forgotPassword)
    const sent = await agent.post(paths.staff.forgotPassword).type('form').send({ _csrf, email: user.email }).expect(200)
    expect(sent.text).to.contain('Check your email')
    const [row] = await testDatabase().db.select().from(notifications).where(eq(notifications.kind, 'password_reset'))
    expect(row).to.include({ channel: 'email', recipient: user.email, bookingId: null })
    const link = passwordResetLink(config.baseUrl, config.sessionSecret, row!.payload as { resetNonce: string })
    const resetPath = new URL(link).pathname
    // Only the token's hash is stored.
    const [reset] = await testDatabase().db.select().from(passwordResets)
    expect(reset!.tokenHash).to.have.length(64)
    expect(JSON.stringify(row!.payload)).not.to.contain(resetPath.split('/').pop())
    const token2 = await csrfFrom(agent, resetPath)
    await agent.post(resetPath).type('form').send({ _csrf: token2, password: 'short', confirmPassword: 'short' }).expect(400)
    const done = await agent
      .post(resetPath)
      .type('form')
      .send({ _csrf: token2, password: 'a brand new password', confirmPassword: 'a brand new password' })
      .expect(302)
    expect(done.headers.location).to.equal(paths.staff.signIn)
    await agent.get(resetPath).expect(404)
    await other.get(paths.staff.home).expect(302)
    await signedIn(app, user.email, 'a brand new password')
  })

  it('answers a reset request for an unknown email the same way, and records nothing', async () => {
    const { app } = t
    const agent = request.agent(app)
    const _csrf = await csrfFrom(agent, paths.staff.forgotPassword)
    const res = await agent.post(paths.staff.forgotPassword).type('form').send({ _csrf, email: 'nobody@hub.example' }).expect(200)
    expect(res.text).to.contain('Check your email')
    expect(await testDatabase().db.select().from(notifications)).to.have.length(0)
  })

  it('refuses an expired reset link', async () => {
    const { app, services } = t
    const user = await aStaffUser('facilitator')
    await services.staff.auth.requestPasswordReset(user.email, new Date(Date.now() - 61 * 60_000))
    const [row] = await testDatabase().db.select().from(notifications)
    const { config } = t
    const resetPath = new URL(passwordResetLink(config.baseUrl, config.sessionSecret, row!.payload as { resetNonce: string })).pathname
    await request(app).get(resetPath).expect(404)
  })

  it('sends at most 3 reset emails an hour for one email address', async () => {
    const { app } = t
    const user = await aStaffUser('facilitator')
    const agent = request.agent(app)
    const _csrf = await csrfFrom(agent, paths.staff.forgotPassword)
    for (let i = 0; i < 5; i++) {
      const res = await agent.post(paths.staff.forgotPassword).type('form').send({ _csrf, email: user.email }).expect(200)
      expect(res.text).to.contain('Check your email')
    }
    expect(await testDatabase().db.select().from(notifications)).to.have.length(3)
  })
})
