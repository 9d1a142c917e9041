import { expect } from 'chai'
import request from 'supertest'
import * as cheerio from 'cheerio'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, csrfTokenFrom, submitForm } from '../../support/booking-helpers.js'
import { bookings, calendarFeeds } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { hashToken } from '../../../src/services/tokens.js'
import type { StaffPrincipal } from '../../../src/services/staff/policy.js'
import { readInvite } from '../notifications/notification-helpers.js'
import { feedLinkOn, readFeed } from './feed-helpers.js'

// http, not https: the session cookie is Secure under an https BASE_URL, and supertest speaks http.
const BASE_URL = 'http://familyhubs.coventry.example'
const admin: StaffPrincipal = { id: 1, name: 'Admin', email: 'admin@hub.example', role: 'admin', hubIds: [] }

describe('Calendar feeds: a family subscribes to their bookings', () => {
  const t = useTestApp({ fakes: { smtp: true }, env: ({ smtp }) => ({ SMTP_URL: smtp.url, BASE_URL }) })

  async function aBookedFamily(options: { sessions?: number } = {}) {
    const hub = await aHub({ name: 'Foleshill Family Hub' })
    const programme = await aProgramme({ title: 'Baby massage' })
    const { course, sessions } = await aCourse({
      hubId: hub.id,
      programmeId: programme.id,
      sessions: weekly('2031-03-04', options.sessions ?? 2),
    })
    const result = await t.services.booking.book(aBookingRequest(course.id))
    if (result.outcome !== 'confirmed') throw new Error(result.outcome)
    return { course, sessions, booking: result.booking, manageToken: result.manageToken }
  }

  /** Makes the family's feed from the manage page, as a browser would, and returns its address. */
  async function subscribe(manageToken: string) {
    const agent = request.agent(t.app)
    const made = await submitForm(agent, paths.manage.show(manageToken), { action: 'create' }, paths.manage.calendarFeed(manageToken))
    expect(made.status).to.equal(302)
    expect(made.headers.location).to.equal(`${paths.manage.show(manageToken)}#calendar-feed`)
    const page = await agent.get(paths.manage.show(manageToken)).expect(200)
    return { agent, page, ...feedLinkOn(page.text, 'family-feed') }
  }

  /** Every email sent so far, read as calendar invites. */
  async function invitesSent() {
    await t.services.notificationDelivery.deliverDue()
    return t.smtp.messages.filter((m) => m.calendar).map((m) => readInvite(m.calendar!.content))
  }

  it("offers the feed on the manage page, makes it only with the form's CSRF token, and shows its webcal and https addresses", async () => {
    const { manageToken } = await aBookedFamily()
    const before = await request(t.app).get(paths.manage.show(manageToken)).expect(200)
    const $ = cheerio.load(before.text)
    expect($('#calendar-feed').text()).to.equal('Subscribe to your bookings in your calendar')
    expect($(`form[action="${paths.manage.calendarFeed(manageToken)}"] button[value=create]`).text()).to.contain('Create a calendar link')

    await request(t.app).post(paths.manage.calendarFeed(manageToken)).type('form').send({ action: 'create' }).expect(403)
    expect(await testDatabase().db.select().from(calendarFeeds)).to.have.length(0)

    const { page, https, webcal } = await subscribe(manageToken)
    expect(https.startsWith(`${BASE_URL}/calendar/`)).to.equal(true)
    expect(webcal).to.equal(https.replace(/^http:/, 'webcal:'))
    const shown = cheerio.load(page.text)
    expect(shown('.govuk-notification-banner').text()).to.contain('Your calendar link is ready')
    expect(shown('details.govuk-details summary').text()).to.contain('Google Calendar, Outlook or Apple Calendar')
    expect(shown(`a[href="${webcal}"]`).length).to.equal(1)
    expect(shown('a[href^="https://calendar.google.com/calendar/render?cid="]').length).to.equal(1)
  })

  it('makes a token of at least 128 random bits and stores only its hash', async () => {
    const { manageToken } = await aBookedFamily()
    const { token } = await subscribe(manageToken)
    expect(Buffer.from(token, 'base64url').length * 8).to.be.at.least(128)
    const rows = await testDatabase().db.select().from(calendarFeeds)
    expect(rows).to.have.length(1)
    expect(rows[0]!.tokenHash).to.equal(hashToken(token))
    expect(JSON.stringify(rows)).not.to.contain(token)
  })

  it('lists every session booked with the UIDs and SEQUENCE of the emailed invite, and nothing of other families', async () => {
    const { booking, sessions, manageToken } = await aBookedFamily()
    const other = await t.services.booking.book(
      aBookingRequest((await aCourse()).course.id, { family: aNewFamily({ parentName: 'Someone Else' }) }),
    )
    // Both families got an invite, in whichever order the worker sent them: take this family's.
    const invite = (await invitesSent()).find((sent) => sent.events.some((e) => e.uid.startsWith(`booking-${booking.id}-`)))
    const { path } = await subscribe(manageToken)

    const feed = readFeed(await request(t.app).get(path))
    expect(feed.method, 'a subscribed feed is published, not an invitation').to.equal(undefined)
    expect(feed.events.map((e) => e.uid)).to.deep.equal(
      sessions.map((s) => `booking-${booking.id}-session-${s.id}@familyhubs.coventry.example`),
    )
    const fromInvite = invite!.events.filter((e) => feed.events.some((f) => f.uid === e.uid))
    expect(fromInvite.map((e) => [e.uid, e.sequence])).to.deep.equal(feed.events.map((e) => [e.uid, e.sequence]))
    expect(feed.events.map((e) => e.start.toISOString())).to.deep.equal(sessions.map((s) => s.startsAt.toISOString()))
    expect(feed.events.every((e) => e.status === 'CONFIRMED')).to.equal(true)
    const res = await request(t.app).get(path)
    expect(res.text).not.to.contain('Someone Else')
    if (other.outcome === 'confirmed') expect(res.text).not.to.contain(`booking-${other.booking.id}-`)
  })

  it('shows a moved session at its new time with a higher SEQUENCE, the same as the update invite', async () => {
    const { sessions, manageToken } = await aBookedFamily()
    const { path } = await subscribe(manageToken)
    const before = readFeed(await request(t.app).get(path)).events[0]!

    const moved = await t.services.staff.catalogue.moveSession(admin, sessions[0]!.id, {
      date: '2031-03-05',
      startTime: '13:30',
      endTime: '15:00',
      room: null,
    })
    expect(moved.ok).to.equal(true)

    const after = readFeed(await request(t.app).get(path)).events.find((e) => e.uid === before.uid)!
    expect(after.start.toISOString()).to.equal('2031-03-05T13:30:00.000Z')
    expect(after.sequence).to.be.greaterThan(before.sequence)
    const update = (await invitesSent()).at(-1)!.events.find((e) => e.uid === before.uid)!
    expect(update.sequence).to.equal(after.sequence)
  })

  it("marks a cancelled session and then a cancelled booking CANCELLED, with the cancellation invite's SEQUENCE, for 30 days", async () => {
    const { booking, sessions, manageToken } = await aBookedFamily({ sessions: 3 })
    const { path, token } = await subscribe(manageToken)

    expect((await t.services.staff.catalogue.cancelSession(admin, sessions[0]!.id)).ok).to.equal(true)
    const afterSession = readFeed(await request(t.app).get(path)).events
    expect(afterSession.map((e) => e.status)).to.deep.equal(['CANCELLED', 'CONFIRMED', 'CONFIRMED'])

    await t.services.booking.cancel(booking.id)
    const afterBooking = readFeed(await request(t.app).get(path)).events
    expect(afterBooking).to.have.length(3)
    expect(afterBooking.every((e) => e.status === 'CANCELLED')).to.equal(true)
    const cancelInvite = (await invitesSent()).find((invite) => invite.method === 'CANCEL' && invite.events.length === 3)!
    expect(cancelInvite.events.map((e) => e.sequence)).to.deep.equal(afterBooking.map((e) => e.sequence))

    const in31Days = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000)
    const later = await t.services.calendarFeeds.document(token, in31Days)
    expect(readInvite(later!.body).events).to.have.length(0)
  })

  it('answers If-None-Match and If-Modified-Since with 304 until something changes, then 200 with a new ETag', async () => {
    const { sessions, manageToken } = await aBookedFamily()
    const { path } = await subscribe(manageToken)
    const first = await request(t.app).get(path).expect(200)
    const etag = first.headers.etag!
    const lastModified = first.headers['last-modified']!
    expect(etag).to.match(/^"[A-Za-z0-9_-]+"$/)
    expect(new Date(lastModified).toUTCString()).to.equal(lastModified)
    expect(first.headers['cache-control']).to.equal('private, max-age=300')

    const again = await request(t.app).get(path).expect(200)
    expect(again.headers.etag).to.equal(etag)
    expect(again.text).to.equal(first.text)
    const notModified = await request(t.app).get(path).set('If-None-Match', etag).expect(304)
    expect(notModified.text).to.equal('')
    await request(t.app).get(path).set('If-Modified-Since', lastModified).expect(304)

    await t.services.staff.catalogue.moveSession(admin, sessions[1]!.id, {
      date: '2031-03-12',
      startTime: '14:00',
      endTime: '15:00',
      room: 'Room 2',
    })
    const changed = await request(t.app).get(path).set('If-None-Match', etag).expect(200)
    expect(changed.headers.etag).not.to.equal(etag)
    expect(new Date(changed.headers['last-modified']!).getTime()).to.be.greaterThan(new Date(lastModified).getTime())
    await request(t.app).get(path).set('If-Modified-Since', lastModified).expect(200)
    await request(t.app).get(path).set('If-None-Match', changed.headers.etag!).expect(304)
  })

  it('replaces the link: the old address answers 404 with no detail and the new one works; turning it off ends it too', async () => {
    const { manageToken } = await aBookedFamily()
    const { agent, page, path: oldPath } = await subscribe(manageToken)
    await agent
      .post(paths.manage.calendarFeed(manageToken))
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), action: 'replace' })
      .expect(302)
    const replaced = await agent.get(paths.manage.show(manageToken)).expect(200)
    expect(replaced.text).to.contain('The old link no longer works')
    const { path: newPath } = feedLinkOn(replaced.text, 'family-feed')
    expect(newPath).not.to.equal(oldPath)

    const gone = await request(t.app).get(oldPath).expect(404)
    expect(gone.text).to.equal('Not found')
    expect(gone.headers['cache-control']).to.equal('no-store')
    await request(t.app).get(newPath).expect(200)
    await request(t.app).get(paths.calendarFeed.show('not-a-token')).expect(404)

    await agent
      .post(paths.manage.calendarFeed(manageToken))
      .type('form')
      .send({ _csrf: csrfTokenFrom(replaced.text), action: 'revoke' })
      .expect(302)
    await request(t.app).get(newPath).expect(404)
    const off = cheerio.load((await agent.get(paths.manage.show(manageToken))).text)
    expect(off('button[value=create]').length).to.equal(1)
  })

  it('refuses an unknown action with 400 and keeps one active feed when asked twice', async () => {
    const { manageToken } = await aBookedFamily()
    const agent = request.agent(t.app)
    const page = await agent.get(paths.manage.show(manageToken))
    await agent
      .post(paths.manage.calendarFeed(manageToken))
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), action: 'delete-everything' })
      .expect(400)
    await Promise.all(
      [1, 2].map(() =>
        agent
          .post(paths.manage.calendarFeed(manageToken))
          .type('form')
          .send({ _csrf: csrfTokenFrom(page.text), action: 'create' })
          .expect(302),
      ),
    )
    const rows = await testDatabase().db.select().from(calendarFeeds).where(eq(calendarFeeds.kind, 'family'))
    expect(rows).to.have.length(1)
  })
  it("writes the family's events in the language they booked in, with the same UIDs as their invites", async () => {
    const { booking, sessions, manageToken } = await aBookedFamily()
    await testDatabase().db.update(bookings).set({ language: 'pl' }).where(eq(bookings.id, booking.id))
    const { path } = await subscribe(manageToken)
    const res = await request(t.app).get(path)
    const feed = readFeed(res)
    expect(feed.events.map((e) => e.uid)).to.deep.equal(
      sessions.map((s) => `booking-${booking.id}-session-${s.id}@familyhubs.coventry.example`),
    )
    expect(feed.events[0]!.description).to.include(`Numer rezerwacji: ${booking.reference}`).and.include('Zobacz lub anuluj rezerwację:')
    expect(res.text).to.include('SUMMARY:Baby massage (spotkanie 1 z 2)')
    expect(res.text).to.match(/X-WR-CALNAME:.*Twoje rezerwacje/)
  })
})
