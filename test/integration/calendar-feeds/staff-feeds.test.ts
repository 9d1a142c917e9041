import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { aBookingRequest, aNewFamily } from '../../support/booking-helpers.js'
import { paths } from '../../../src/paths.js'
import type { StaffPrincipal } from '../../../src/services/staff/policy.js'
import { aStaffUser, postForm, signedIn } from '../staff/staff-helpers.js'
import { feedLinkOn, readFeed } from './feed-helpers.js'

describe('Calendar feeds: staff subscribe to their sessions and their hubs', () => {
  const t = useTestApp()

  /** A hub with a two-session course, one place booked by a family whose name must never show. */
  async function aHubWithACourse(name: string) {
    const hub = await aHub({ name })
    const programme = await aProgramme({ title: `Stay and play at ${name}` })
    const { course, sessions } = await aCourse({ hubId: hub.id, programmeId: programme.id, capacity: 8, sessions: weekly('2031-05-06', 2) })
    const booked = await t.services.booking.book(aBookingRequest(course.id, { family: aNewFamily({ parentName: 'Private Parentname' }) }))
    expect(booked.outcome).to.equal('confirmed')
    return { hub, course, sessions }
  }

  const accountFeeds = async (agent: request.Agent) => cheerio.load((await agent.get(paths.staff.account).expect(200)).text)

  it('gives a facilitator a "my sessions" feed of the sessions they run, with counts and no family names, and no hub feeds', async () => {
    const mine = await aHubWithACourse('Foleshill Family Hub')
    const notMine = await aHubWithACourse('Tile Hill Family Hub')
    const facilitator = await aStaffUser('facilitator', { sessionIds: [mine.sessions[0]!.id] })
    const agent = await signedIn(t.app, facilitator.email)

    const $ = await accountFeeds(agent)
    expect($('#calendar-feeds').text()).to.equal('Calendar feeds')
    expect($(`form[action="${paths.staff.calendarFeeds.mySessions}"]`).length).to.equal(1)
    expect($(`form[action^="/staff/account/calendar-feeds/hubs/"]`).length, 'no hub feeds offered').to.equal(0)

    expect((await postForm(agent, paths.staff.calendarFeeds.mySessions, { action: 'create' })).status).to.equal(302)
    const { path } = feedLinkOn((await agent.get(paths.staff.account)).text, 'my-sessions-feed')
    const res = await request(t.app).get(path)
    const feed = readFeed(res)
    expect(feed.events.map((e) => e.uid)).to.deep.equal([`session-${mine.sessions[0]!.id}@localhost`])
    expect(feed.events[0]!.description).to.contain('Booked: 1 of 8 places').and.contain('Waiting list: 0')
    expect(res.text).not.to.contain('Private Parentname')
    expect(res.text).not.to.contain(String(notMine.sessions[0]!.id) + '@')

    expect((await postForm(agent, paths.staff.calendarFeeds.hub(mine.hub.id), { action: 'create' })).status).to.equal(403)
  })

  it('lets a hub manager subscribe to each of their own hubs, and refuses another hub on the server', async () => {
    const own = await aHubWithACourse('Foleshill Family Hub')
    const other = await aHubWithACourse('Tile Hill Family Hub')
    const manager = await aStaffUser('hub_manager', { hubIds: [own.hub.id] })
    const agent = await signedIn(t.app, manager.email)

    const $ = await accountFeeds(agent)
    expect($(`form[action="${paths.staff.calendarFeeds.hub(own.hub.id)}"]`).length).to.equal(1)
    expect($(`form[action="${paths.staff.calendarFeeds.hub(other.hub.id)}"]`).length).to.equal(0)
    expect((await postForm(agent, paths.staff.calendarFeeds.hub(other.hub.id), { action: 'create' })).status).to.equal(403)

    expect((await postForm(agent, paths.staff.calendarFeeds.hub(own.hub.id), { action: 'create' })).status).to.equal(302)
    const { path } = feedLinkOn((await agent.get(paths.staff.account)).text, `hub-${own.hub.id}-feed`)
    const res = await request(t.app).get(path)
    const feed = readFeed(res)
    expect(feed.events.map((e) => e.uid)).to.deep.equal(own.sessions.map((s) => `session-${s.id}@localhost`))
    expect(feed.events[0]!.location).to.contain('Foleshill Family Hub')
    expect(res.text).to.contain('Stay and play at Foleshill Family Hub (session 1 of 2)')
    expect(res.text).not.to.contain('Private Parentname')
  })

  it('lets an admin subscribe to any hub, 404 for a hub that does not exist, and needs the CSRF token', async () => {
    const { hub } = await aHubWithACourse('Foleshill Family Hub')
    const admin = await aStaffUser('admin')
    const agent = await signedIn(t.app, admin.email)
    await agent.post(paths.staff.calendarFeeds.hub(hub.id)).type('form').send({ action: 'create' }).expect(403)
    expect((await postForm(agent, paths.staff.calendarFeeds.hub(hub.id + 1000), { action: 'create' })).status).to.equal(404)
    expect((await postForm(agent, paths.staff.calendarFeeds.hub(hub.id), { action: 'create' })).status).to.equal(302)
    feedLinkOn((await agent.get(paths.staff.account)).text, `hub-${hub.id}-feed`)
  })

  it('shows a moved session with a higher SEQUENCE and a cancelled one as CANCELLED; replacing the link ends the old one', async () => {
    const { hub, sessions } = await aHubWithACourse('Foleshill Family Hub')
    const manager = await aStaffUser('hub_manager', { hubIds: [hub.id] })
    const actor: StaffPrincipal = { id: manager.id, name: manager.name, email: manager.email, role: 'hub_manager', hubIds: [hub.id] }
    const agent = await signedIn(t.app, manager.email)
    expect((await postForm(agent, paths.staff.calendarFeeds.hub(hub.id), { action: 'create' })).status).to.equal(302)
    const { path } = feedLinkOn((await agent.get(paths.staff.account)).text, `hub-${hub.id}-feed`)
    const before = readFeed(await request(t.app).get(path)).events

    await t.services.staff.catalogue.moveSession(actor, sessions[0]!.id, {
      date: '2031-05-07',
      startTime: '09:00',
      endTime: '10:00',
      room: null,
    })
    await t.services.staff.catalogue.cancelSession(actor, sessions[1]!.id)
    const after = readFeed(await request(t.app).get(path)).events
    expect(after[0]!.start.toISOString()).to.equal('2031-05-07T08:00:00.000Z')
    expect(after[0]!.sequence).to.be.greaterThan(before[0]!.sequence)
    expect(after.map((e) => e.status)).to.deep.equal(['CONFIRMED', 'CANCELLED'])

    expect((await postForm(agent, paths.staff.calendarFeeds.hub(hub.id), { action: 'replace' })).status).to.equal(302)
    await request(t.app).get(path).expect(404)
    const { path: replaced } = feedLinkOn((await agent.get(paths.staff.account)).text, `hub-${hub.id}-feed`)
    await request(t.app).get(replaced).expect(200)
  })
})
