import { expect } from 'chai'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import {
  attendance,
  auditLog,
  bookings,
  courses,
  hubs,
  notifications,
  programmes,
  sessionFacilitators,
  sessions,
} from '../../../src/db/schema/index.js'
import * as cheerio from 'cheerio'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { aFamily, aStaffUser, messagesOn, postForm, signedIn } from './staff-helpers.js'

const db = () => testDatabase().db
const londonDate = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!
let refs = 0
async function aBooking(courseId: number, status: 'confirmed' | 'waiting') {
  refs += 1
  const family = await aFamily()
  const [row] = await db()
    .insert(bookings)
    .values({
      reference: `FH-MGR-${refs}`,
      courseId,
      familyId: family.id,
      status,
      contactEmail: family.email,
      manageNonce: `m${refs}`,
      manageTokenHash: `mh${refs}`,
      waitlistJoinedAt: status === 'waiting' ? new Date() : null,
    })
    .returning()
  return row!
}

describe('managers: programmes, courses and sessions', () => {
  const t = useTestApp()

  it('creates a weekly course that stays at 10:00 London time, skipping the dates given', async () => {
    const { app } = t
    const hub = await aHub()
    const programme = await aProgramme()
    const manager = await aStaffUser('hub_manager', { hubIds: [hub.id] })
    const agent = await signedIn(app, manager.email)
    const first = DateTime.now().setZone(LONDON).plus({ days: 7 })
    const skip = first.plus({ weeks: 1 }).toISODate()!
    const res = await postForm(
      agent,
      paths.staff.courses.new,
      {
        programmeId: String(programme.id),
        hubId: String(hub.id),
        capacity: '8',
        firstDate: first.toISODate()!,
        startTime: '10:00',
        endTime: '12:00',
        sessions: '4',
        skipDates: skip,
        room: 'Room 2',
      },
      paths.staff.courses.new,
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [course] = await db().select().from(courses)
    expect(course).to.include({ hubId: hub.id, capacity: 8, kind: 'course' })
    const rows = await db().select().from(sessions).orderBy(sessions.startsAt)
    const local = rows.map((s) => DateTime.fromJSDate(s.startsAt, { zone: LONDON }))
    expect(local.map((d) => d.toFormat('HH:mm'))).to.deep.equal(['10:00', '10:00', '10:00', '10:00'])
    expect(local.map((d) => d.toISODate())).to.deep.equal([
      first.toISODate(),
      first.plus({ weeks: 2 }).toISODate(),
      first.plus({ weeks: 3 }).toISODate(),
      first.plus({ weeks: 4 }).toISODate(),
    ])
    expect(rows[0]!.room).to.equal('Room 2')
  })

  it('creates a drop-in, and refuses a course at a hub the manager does not run', async () => {
    const { app } = t
    const mine = await aHub()
    const theirs = await aHub()
    const programme = await aProgramme()
    const agent = await signedIn(app, (await aStaffUser('hub_manager', { hubIds: [mine.id] })).email)
    const form = { programmeId: String(programme.id), capacity: '10', firstDate: londonDate(3), startTime: '13:30', endTime: '15:00' }
    const ok = await postForm(agent, paths.staff.courses.newDropIn, { ...form, hubId: String(mine.id) }, paths.staff.courses.newDropIn)
    expect(ok.status, messagesOn(ok.text)).to.equal(302)
    expect((await db().select().from(courses))[0]).to.include({ kind: 'drop_in' })
    expect(await db().select().from(sessions)).to.have.length(1)
    const refused = await postForm(
      agent,
      paths.staff.courses.newDropIn,
      { ...form, hubId: String(theirs.id) },
      paths.staff.courses.newDropIn,
    )
    expect(refused.status).to.equal(403)
  })

  it('shows each validation message on the course form', async () => {
    const { app } = t
    const agent = await signedIn(app, (await aStaffUser('admin')).email)
    const res = await postForm(
      agent,
      paths.staff.courses.new,
      { capacity: '0', firstDate: 'soon', startTime: '25:00', endTime: '09:00', sessions: '0', skipDates: 'half term' },
      paths.staff.courses.new,
    )
    const text = messagesOn(res.text)
    for (const message of [
      'Select a programme',
      'Select a hub',
      'Enter the number of places',
      'Enter the date like',
      'Enter the start time like',
      'Enter the number of sessions',
      'Enter dates to skip',
    ]) {
      expect(text).to.contain(message)
    }
  })

  it('raises a capacity and offers the new place to the waiting list in the same step', async () => {
    const { app } = t
    const { course } = await aCourse({ capacity: 1, daysFromNow: 10 })
    await aBooking(course.id, 'confirmed')
    const waiting = await aBooking(course.id, 'waiting')
    const agent = await signedIn(app, (await aStaffUser('admin')).email)
    const res = await postForm(agent, paths.staff.courses.capacity(course.id), { capacity: '2' }, paths.staff.courses.show(course.id))
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [offered] = await db().select().from(bookings).where(eq(bookings.id, waiting.id))
    expect(offered!.status).to.equal('offered')
    expect((await db().select().from(courses))[0]).to.include({ capacity: 2, placesTaken: 2 })
    expect(await db().select().from(notifications).where(eq(notifications.kind, 'place_offered'))).to.have.length.greaterThan(0)
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'course.capacity_changed'))).to.have.length(1)
  })

  it('refuses to lower a capacity below the places taken, with a clear message', async () => {
    const { app } = t
    const { course } = await aCourse({ capacity: 3 })
    await aBooking(course.id, 'confirmed')
    await aBooking(course.id, 'confirmed')
    const agent = await signedIn(app, (await aStaffUser('admin')).email)
    const res = await postForm(agent, paths.staff.courses.capacity(course.id), { capacity: '1' }, paths.staff.courses.show(course.id))
    expect(res.status).to.equal(400)
    expect(messagesOn(res.text)).to.contain('cannot be lower than the 2 places already taken')
    expect((await db().select().from(courses))[0]!.capacity).to.equal(3)
    const lowered = await postForm(agent, paths.staff.courses.capacity(course.id), { capacity: '2' }, paths.staff.courses.show(course.id))
    expect(lowered.status).to.equal(302)
  })

  it('moves a session: new London time, sequence up, families told', async () => {
    const { app } = t
    const {
      course,
      sessions: [session],
    } = await aCourse({ daysFromNow: 5 })
    const booking = await aBooking(course.id, 'confirmed')
    const agent = await signedIn(app, (await aStaffUser('admin')).email)
    const date = londonDate(6)
    const res = await postForm(
      agent,
      paths.staff.sessions.move(session!.id),
      { date, startTime: '14:00', endTime: '15:30', room: 'Hall' },
      paths.staff.sessions.move(session!.id),
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [moved] = await db().select().from(sessions).where(eq(sessions.id, session!.id))
    expect(DateTime.fromJSDate(moved!.startsAt, { zone: LONDON }).toFormat('yyyy-LL-dd HH:mm')).to.equal(`${date} 14:00`)
    expect(moved).to.include({ sequence: 1, room: 'Hall' })
    const messages = await db().select().from(notifications).where(eq(notifications.kind, 'session_moved'))
    expect(messages.map((m) => m.bookingId)).to.include(booking.id)
  })

  it('cancels a session: booked families and the waiting list are told, the drop-in is cancelled', async () => {
    const { app } = t
    const {
      course,
      sessions: [session],
    } = await aCourse({ capacity: 1 })
    const booked = await aBooking(course.id, 'confirmed')
    const waiting = await aBooking(course.id, 'waiting')
    const agent = await signedIn(app, (await aStaffUser('admin')).email)
    const res = await postForm(agent, paths.staff.sessions.cancel(session!.id), {}, paths.staff.sessions.cancel(session!.id))
    expect(res.status).to.equal(302)
    const [cancelled] = await db().select().from(sessions)
    expect(cancelled!.cancelledAt).to.be.instanceOf(Date)
    expect(cancelled!.sequence).to.equal(1)
    expect((await db().select().from(courses))[0]!.cancelledAt).to.be.instanceOf(Date)
    const told = (await db().select().from(notifications).where(eq(notifications.kind, 'session_cancelled'))).map((m) => m.bookingId)
    expect(told).to.include.members([booked.id, waiting.id])
  })

  it('closes and reopens booking, and assigns facilitators to every session', async () => {
    const { app } = t
    const { course, sessions: rows } = await aCourse({ sessions: [{ date: londonDate(3) }, { date: londonDate(10) }] })
    const facilitator = await aStaffUser('facilitator')
    const agent = await signedIn(app, (await aStaffUser('admin')).email)
    await postForm(agent, paths.staff.courses.bookingOpen(course.id), { open: 'false' }, paths.staff.courses.show(course.id))
    expect((await db().select().from(courses))[0]!.bookingOpen).to.equal(false)
    await postForm(agent, paths.staff.courses.bookingOpen(course.id), { open: 'true' }, paths.staff.courses.show(course.id))
    expect((await db().select().from(courses))[0]!.bookingOpen).to.equal(true)
    await postForm(
      agent,
      paths.staff.courses.facilitators(course.id),
      { facilitators: String(facilitator.id) },
      paths.staff.courses.show(course.id),
    )
    const assigned = await db().select().from(sessionFacilitators)
    expect(assigned.map((a) => a.sessionId).sort()).to.deep.equal(rows.map((s) => s.id).sort())
  })

  it('lets admins add hubs and managers add programmes; managers cannot add hubs', async () => {
    const { app } = t
    const admin = await signedIn(app, (await aStaffUser('admin')).email)
    const hubForm = {
      name: 'Foleshill Family Hub',
      addressLines: '1 Main Road\nCoventry',
      postcode: 'CV6 5AA',
      phone: '024 7678 0000',
      openingHours: 'Monday to Friday',
      facilities: 'stepFree',
    }
    const created = await postForm(admin, paths.staff.hubs.new, hubForm, paths.staff.hubs.new)
    expect(created.status, messagesOn(created.text)).to.equal(302)
    const [hub] = await db().select().from(hubs)
    expect(hub).to.include({ slug: 'foleshill-family-hub', stepFree: true })
    const manager = await signedIn(app, (await aStaffUser('hub_manager', { hubIds: [hub!.id] })).email)
    expect((await postForm(manager, paths.staff.hubs.new, hubForm)).status).to.equal(403)
    const programme = await postForm(
      manager,
      paths.staff.programmes.new,
      {
        title: 'Baby massage',
        summary: 'Calm time together',
        description: 'Five weeks',
        topics: 'early-language-and-play',
        audience: 'parents',
        delivery: 'in_person',
        bookingMode: 'referral',
        childAgeFromMonths: '0',
        childAgeToMonths: '12',
      },
      paths.staff.programmes.new,
    )
    expect(programme.status, messagesOn(programme.text)).to.equal(302)
    expect((await db().select().from(programmes))[0]).to.include({ slug: 'baby-massage', bookingMode: 'referral', childAgeToMonths: 12 })
  })

  it('refuses a hub manager the courses and sessions of another hub', async () => {
    const { app } = t
    const mine = await aHub()
    const {
      course,
      sessions: [session],
    } = await aCourse()
    const agent = await signedIn(app, (await aStaffUser('hub_manager', { hubIds: [mine.id] })).email)
    await agent.get(paths.staff.courses.show(course.id)).expect(403)
    expect((await postForm(agent, paths.staff.courses.capacity(course.id), { capacity: '50' })).status).to.equal(403)
    expect((await postForm(agent, paths.staff.sessions.cancel(session!.id), {})).status).to.equal(403)
    expect((await db().select().from(courses))[0]!.capacity).to.equal(10)
  })

  it('shows attendance, the no-show rate and demand per programme and hub on the dashboard, for the manager’s hubs only', async () => {
    const { app } = t
    const hub = await aHub({ name: 'Mine Hub' })
    const programme = await aProgramme({ title: 'Toilet training' })
    const past = await aCourse({ hubId: hub.id, programmeId: programme.id, capacity: 4, sessions: [{ date: londonDate(-7) }] })
    const places = [
      await aBooking(past.course.id, 'confirmed'),
      await aBooking(past.course.id, 'confirmed'),
      await aBooking(past.course.id, 'confirmed'),
      await aBooking(past.course.id, 'confirmed'),
    ]
    const statuses = ['attended', 'attended', 'attended', 'did_not_attend'] as const
    await db()
      .insert(attendance)
      .values(places.map((p, i) => ({ bookingId: p.id, sessionId: past.sessions[0]!.id, status: statuses[i]! })))
    const full = await aCourse({ hubId: hub.id, programmeId: programme.id, capacity: 1, daysFromNow: 14 })
    await aBooking(full.course.id, 'confirmed')
    await aBooking(full.course.id, 'waiting')
    await aBooking(full.course.id, 'waiting')
    await aCourse({ programmeId: programme.id, capacity: 1 })
    const agent = await signedIn(app, (await aStaffUser('hub_manager', { hubIds: [hub.id] })).email)
    const $ = cheerio.load((await agent.get(paths.staff.dashboard).expect(200)).text)
    const rows = $('#dashboard tbody tr')
      .map((_i, tr) => [
        $(tr)
          .find('td')
          .map((_j, td) => $(td).text().trim())
          .get(),
      ])
      .get() as string[][]
    expect(rows).to.deep.equal([['Toilet training', 'Mine Hub', '3', '1', '0', '25%', '2', '1 of 1']])
    expect($('#no-show-rate').text()).to.equal('25%')
  })
})
