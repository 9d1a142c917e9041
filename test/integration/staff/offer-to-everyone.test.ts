import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import { aBookingRequest, aNewFamily, notificationKinds } from '../../support/booking-helpers.js'
import type { AlsoSuitable } from '../../../src/services/booking/booking-types.js'
import { toPrincipal } from '../../../src/services/staff/auth-service.js'
import { courses, programmes, type StaffRole } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { aStaffUser, csrfFrom, signedIn } from './staff-helpers.js'

describe('staff: empty places and "Offer to everyone waiting"', () => {
  const t = useTestApp()

  /** A drop-in at hub A starting tomorrow with one empty place and two families waiting for it. */
  async function emptyPlaceAtHubA() {
    const hubA = await aHub()
    const hubB = await aHub()
    const { course, sessions } = await aCourse({ hubId: hubA.id, capacity: 1, daysFromNow: 1 })
    const booked = await t.services.booking.book(aBookingRequest(course.id))
    if (booked.outcome !== 'confirmed') throw new Error(booked.outcome)
    const queue = []
    for (let i = 0; i < 2; i++) {
      const joined = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
      if (joined.outcome !== 'waiting') throw new Error(joined.outcome)
      queue.push(joined.booking)
    }
    // A second place nobody has offered (raised straight in the database, as if an offer was lost).
    await testDatabase().db.update(courses).set({ capacity: 2 }).where(eq(courses.id, course.id))
    return { hubA: hubA.id, hubB: hubB.id, course, session: sessions[0]!, queue }
  }

  const openOfferCount = async (courseId: number) =>
    Number(
      (await testDatabase().db.execute<{ n: number }>(sql`select count(*)::int as n from open_offers where course_id = ${courseId}`))
        .rows[0]!.n,
    )

  const cases: { who: string; role: StaffRole; hub?: 'A' | 'B'; allowed: boolean }[] = [
    { who: 'an admin', role: 'admin', allowed: true },
    { who: 'the manager of that hub', role: 'hub_manager', hub: 'A', allowed: true },
    { who: 'the manager of another hub', role: 'hub_manager', hub: 'B', allowed: false },
    { who: 'reception', role: 'reception', allowed: false },
    { who: 'a facilitator', role: 'facilitator', allowed: false },
  ]

  for (const { who, role, hub, allowed } of cases) {
    it(`${allowed ? 'lets' : 'refuses'} ${who} ${allowed ? 'offer' : 'offering'} the empty place to everyone waiting`, async () => {
      const f = await emptyPlaceAtHubA()
      const user = await aStaffUser(role, {
        ...(hub ? { hubIds: [hub === 'A' ? f.hubA : f.hubB] } : {}),
        ...(role === 'facilitator' ? { sessionIds: [f.session.id] } : {}),
      })
      const agent = await signedIn(t.app, user.email)
      const csrf = await csrfFrom(agent, paths.staff.account)
      const res = await agent
        .post(paths.staff.offerToEveryone(f.course.id))
        .type('form')
        .send({ _csrf: csrf, returnTo: paths.staff.dashboard })
      if (!allowed) {
        expect(res.status).to.equal(403)
        expect(await openOfferCount(f.course.id)).to.equal(0)
        return
      }
      expect(res.status).to.equal(302)
      expect(res.headers.location).to.equal(paths.staff.dashboard)
      expect(await openOfferCount(f.course.id)).to.equal(1)
      for (const entry of f.queue) expect(await notificationKinds(entry.id)).to.include('place_open_offer:email')
      const audit = await testDatabase().db.execute<{ action: string; staff_user_id: number }>(
        sql`select action, staff_user_id from audit_log where entity_type = 'course' and entity_id = ${f.course.id}`,
      )
      expect(audit.rows).to.deep.equal([{ action: 'open_offer.started', staff_user_id: user.id }])
      const dashboard = await agent.get(paths.staff.dashboard).expect(200)
      expect(dashboard.text).to.contain('offered to 2 families waiting')
      // Pressed again: the families are not messaged twice.
      await agent.post(paths.staff.offerToEveryone(f.course.id)).type('form').send({ _csrf: csrf }).expect(302)
      for (const entry of f.queue)
        expect((await notificationKinds(entry.id)).filter((k) => k === 'place_open_offer:email')).to.have.length(1)
    })
  }

  it('counts every family who would take the place, across the programme, and "Offer to everyone waiting" tells exactly them', async () => {
    const programme = await aProgramme()
    const hub = await aHub()
    // Run B starts tomorrow; A and C later. A and B are full.
    const b = (await aCourse({ programmeId: programme.id, hubId: hub.id, capacity: 1, daysFromNow: 1 })).course
    const a = (await aCourse({ programmeId: programme.id, hubId: hub.id, capacity: 1, daysFromNow: 5 })).course
    const c = (await aCourse({ programmeId: programme.id, hubId: hub.id, capacity: 5, daysFromNow: 6 })).course
    for (const run of [a, b]) {
      const booked = await t.services.booking.book(aBookingRequest(run.id))
      if (booked.outcome !== 'confirmed') throw new Error(booked.outcome)
    }
    const join = async (courseId: number, alsoSuitable?: AlsoSuitable, family = aNewFamily()) => {
      const joined = await t.services.booking.joinWaitingList(aBookingRequest(courseId, { alsoSuitable, family }))
      if (joined.outcome !== 'waiting') throw new Error(joined.outcome)
      return joined.booking
    }
    const ownQueue = await join(b.id)
    const namedB = await join(a.id, [b.id])
    const anyRun = await join(a.id, 'any')
    await join(a.id, [c.id]) // waits for C, not B
    await join(a.id) // only A
    // Holds a place on C (not yet over): one booking per programme at a time, so not offered B.
    const placed = aNewFamily()
    const onC = await t.services.booking.book(aBookingRequest(c.id, { family: placed }))
    if (onC.outcome !== 'confirmed') throw new Error(onC.outcome)
    await join(a.id, [b.id], { ...placed, email: `other-${placed.email}` })
    // A place on B nobody was offered.
    await testDatabase().db.update(courses).set({ capacity: 2 }).where(eq(courses.id, b.id))

    const admin = await aStaffUser('admin')
    const [row] = (await t.services.staff.dashboard.emptyPlaces(toPrincipal(admin, []))).filter((r) => r.courseId === b.id)
    expect(row).to.include({ freePlaces: 1, waiting: 3 })
    const agent = await signedIn(t.app, admin.email)
    const $ = cheerio.load((await agent.get(paths.staff.dashboard).expect(200)).text)
    expect($('#empty-places-table tbody tr').first().find('td').eq(4).text().trim()).to.equal('3')

    const csrf = await csrfFrom(agent, paths.staff.account)
    await agent.post(paths.staff.offerToEveryone(b.id)).type('form').send({ _csrf: csrf, returnTo: paths.staff.dashboard }).expect(302)
    const told = await testDatabase().db.execute<{ booking_id: number }>(
      sql`select f.booking_id from open_offer_families f join open_offers o on o.id = f.open_offer_id where o.course_id = ${b.id} order by f.booking_id`,
    )
    expect(told.rows.map((r) => Number(r.booking_id))).to.deep.equal([ownQueue.id, namedB.id, anyRun.id].sort((x, y) => x - y))
    expect((await agent.get(paths.staff.dashboard).expect(200)).text).to.contain('offered to 3 families waiting')
  })

  it('lists the empty place on the dashboard and reports of those who may offer it, and not for another hub', async () => {
    const f = await emptyPlaceAtHubA()
    const own = await signedIn(t.app, (await aStaffUser('hub_manager', { hubIds: [f.hubA] })).email)
    for (const page of [paths.staff.dashboard, paths.staff.reports.index]) {
      const $ = cheerio.load((await own.get(page).expect(200)).text)
      expect($('#empty-places-table').text(), page).to.contain('Offer to everyone waiting')
      expect($(`form[action="${paths.staff.offerToEveryone(f.course.id)}"]`).length, page).to.equal(1)
    }
    const other = await signedIn(t.app, (await aStaffUser('hub_manager', { hubIds: [f.hubB] })).email)
    const $ = cheerio.load((await other.get(paths.staff.dashboard).expect(200)).text)
    expect($('#empty-places-table').length).to.equal(0)
  })

  it('sets the offer rules on the programme form, blank meaning the setting, and refuses bad values with a 400', async () => {
    const admin = await signedIn(t.app, (await aStaffUser('admin')).email)
    const form = {
      title: 'Sleep clinic',
      summary: 'Help with sleep',
      description: 'Longer',
      audience: 'parents',
      delivery: 'in_person',
      bookingMode: 'open',
    }
    const csrf = await csrfFrom(admin, paths.staff.programmes.new)
    const bad = await admin
      .post(paths.staff.programmes.new)
      .type('form')
      .send({ _csrf: csrf, ...form, offerHours: 'soon', offerRounds: '0', openOfferMinutesBeforeStart: '-5' })
    expect(bad.status).to.equal(400)
    expect(bad.text)
      .to.contain('Enter how long an offer lasts in hours')
      .and.contain('a whole number from 1 to 24')
      .and.contain('Enter when open offers close')
    const page = await admin.get(paths.staff.programmes.new).expect(200)
    // The settings' defaults: open offers close an hour before drop-ins and courses alike.
    expect(page.text).to.contain('Blank: 24 hours').and.contain('Blank: 60 minutes.')
    await admin
      .post(paths.staff.programmes.new)
      .type('form')
      .send({ _csrf: csrf, ...form, offerHours: '6', offerRounds: '', openOfferMinutesBeforeStart: '30' })
      .expect(302)
    const [saved] = await testDatabase().db.select().from(programmes).where(eq(programmes.title, 'Sleep clinic'))
    expect(saved).to.deep.include({ offerHours: 6, offerRounds: null, openOfferMinutesBeforeStart: 30 })
  })
})
