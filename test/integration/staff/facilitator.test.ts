import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { parse } from 'csv-parse/sync'
import * as sass from 'sass'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { attendance, auditLog, bookings, children } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { fromRoot } from '../../../src/project-root.js'
import { LONDON } from '../../../src/time.js'
import { aFamily, aStaffUser, messagesOn, postForm, signedIn } from './staff-helpers.js'

const db = () => testDatabase().db
let refs = 0
async function aPlace(courseId: number, familyId: number, status: 'confirmed' | 'waiting' = 'confirmed') {
  refs += 1
  const [row] = await db()
    .insert(bookings)
    .values({
      reference: `FH-TEST-${String(refs).padStart(2, '0')}`,
      courseId,
      familyId,
      status,
      manageNonce: `n${refs}`,
      manageTokenHash: `h${refs}`,
      waitlistJoinedAt: status === 'waiting' ? new Date() : null,
    })
    .returning()
  return row!
}
const londonDate = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

describe('facilitators: registers and attendance', () => {
  const t = useTestApp()

  it('lists my sessions for today and coming up, and past sessions without attendance as a to-do', async () => {
    const { app } = t
    const past = await aCourse({ sessions: [{ date: londonDate(-3) }] })
    const recorded = await aCourse({ sessions: [{ date: londonDate(-2) }] })
    const soon = await aCourse({ sessions: [{ date: londonDate(4) }] })
    const notMine = await aCourse({ sessions: [{ date: londonDate(5) }] })
    const family = await aFamily()
    await aPlace(past.course.id, family.id)
    const done = await aPlace(recorded.course.id, family.id)
    await db().insert(attendance).values({ bookingId: done.id, sessionId: recorded.sessions[0]!.id, status: 'attended' })
    const me = await aStaffUser('facilitator', { sessionIds: [past.sessions[0]!.id, recorded.sessions[0]!.id, soon.sessions[0]!.id] })
    void notMine
    const agent = await signedIn(app, me.email)
    const res = await agent.get(paths.staff.mySessions).expect(200)
    const $ = cheerio.load(res.text)
    const links = (selector: string) =>
      $(selector)
        .nextUntil('h2')
        .find('a.govuk-link.govuk-\\!-font-weight-bold')
        .map((_i, el) => $(el).attr('href'))
        .get()
    expect(links('#to-do')).to.deep.equal([paths.staff.sessions.register(past.sessions[0]!.id)])
    expect(res.text).to.contain(paths.staff.sessions.register(soon.sessions[0]!.id))
    expect(res.text).not.to.contain(paths.staff.sessions.register(notMine.sessions[0]!.id))
    expect(res.text).to.contain('Attendance not recorded for 1 past session')
  })

  it('shows a register that prints: the families, children, contact number, support needs, a tick column and the waiting list', async () => {
    const { app } = t
    const { course, sessions } = await aCourse({ capacity: 2, sessions: [{ date: londonDate(1) }] })
    const amira = await aFamily({ parentName: 'Amira Hassan', phone: '+447400123456', interpreterLanguage: 'Arabic', needsStepFree: true })
    await db().insert(children).values({ familyId: amira.id, firstName: 'Yusuf', ageYears: 2 })
    const ben = await aFamily({ parentName: 'Ben Jones', otherSupport: 'Hearing loop' })
    const cara = await aFamily({ parentName: 'Cara Waiting' })
    await aPlace(course.id, amira.id)
    await aPlace(course.id, ben.id)
    await aPlace(course.id, cara.id, 'waiting')
    const me = await aStaffUser('facilitator', { sessionIds: [sessions[0]!.id] })
    const agent = await signedIn(app, me.email)
    const res = await agent.get(paths.staff.sessions.register(sessions[0]!.id)).expect(200)
    const $ = cheerio.load(res.text)
    const headers = $('#register thead th')
      .map((_i, el) => $(el).text().trim())
      .get()
    expect(headers).to.deep.equal(['Here', 'Parent or carer', 'Children', 'Contact number', 'Support needs', 'Reference'])
    const rows = $('#register tbody tr')
      .map((_i, el) => [
        $(el)
          .find('td')
          .map((_j, td) => $(td).text().trim())
          .get(),
      ])
      .get() as string[][]
    expect(rows).to.have.length(2)
    expect(rows[0]!.slice(1, 5)).to.deep.equal(['Amira Hassan', 'Yusuf (2)', '07400 123456', 'Interpreter: Arabic; Step-free access'])
    expect(rows[1]![1]).to.equal('Ben Jones')
    expect(rows[1]![4]).to.equal('Hearing loop')
    expect($('#register tbody tr .fh-tick-box')).to.have.length(2)
    expect($('#waiting-list tbody tr td').eq(1).text()).to.equal('Cara Waiting')
    // The print stylesheet: linked, and it hides the menus and the attendance form.
    expect($('link[rel=stylesheet]').attr('href')).to.match(/^\/public\/build\/application\.css\?v=[0-9a-f]{12}$/)
    expect($('.govuk-service-navigation').hasClass('fh-no-print')).to.equal(true)
    expect($('#attendance').parent().hasClass('fh-no-print')).to.equal(true)
    const css = sass.compile(fromRoot('assets', 'scss', 'application.scss'), {
      loadPaths: [fromRoot('node_modules')],
      quietDeps: true,
      silenceDeprecations: ['import'],
    }).css
    expect(css).to.match(/@media print\s*{\s*@page\s*{\s*size: A4 portrait/)
    expect(css).to.match(/@media print[\s\S]*\.fh-no-print[\s\S]*display: none !important/)
  })

  it('downloads the register as CSV, with formula-like cells defused', async () => {
    const { app } = t
    const { course, sessions } = await aCourse({ sessions: [{ date: londonDate(1) }] })
    const evil = await aFamily({ parentName: '=HYPERLINK("http://evil.example","click")', phone: '+447400123456', otherSupport: '+cmd' })
    await aPlace(course.id, evil.id)
    await aPlace(course.id, (await aFamily({ parentName: 'Wendy Waiting' })).id, 'waiting')
    const me = await aStaffUser('facilitator', { sessionIds: [sessions[0]!.id] })
    const agent = await signedIn(app, me.email)
    const res = await agent
      .get(paths.staff.sessions.csv(sessions[0]!.id))
      .buffer(true)
      .parse((r, cb) => {
        let data = ''
        r.setEncoding('utf8')
        r.on('data', (chunk: string) => (data += chunk))
        r.on('end', () => cb(null, data))
      })
    expect(res.status).to.equal(200)
    expect(res.headers['content-type']).to.match(/^text\/csv/)
    expect(res.headers['content-disposition']).to.match(/attachment; filename="?register-.*\.csv/)
    const records = parse(res.body as string, { bom: true }) as string[][]
    expect(records[0]).to.deep.equal([
      'List',
      'Parent or carer',
      'Other carers',
      'Children',
      'Contact number',
      'Email',
      'Support needs',
      'Reference',
      'Attendance',
    ])
    expect(records[1]![0]).to.equal('Booked')
    expect(records[1]![1]).to.equal(`'=HYPERLINK("http://evil.example","click")`)
    expect(records[1]![4]).to.equal('07400 123456')
    expect(records[1]![6]).to.equal(`'+cmd`)
    expect(records[2]!.slice(0, 2)).to.deep.equal(['Waiting list', 'Wendy Waiting'])
  })

  it('records attendance: mark everyone attended, then change a few', async () => {
    const { app } = t
    const { course, sessions } = await aCourse({ sessions: [{ date: londonDate(0), start: '00:01', end: '00:02' }] })
    const places = [
      await aPlace(course.id, (await aFamily()).id),
      await aPlace(course.id, (await aFamily()).id),
      await aPlace(course.id, (await aFamily()).id),
    ]
    const me = await aStaffUser('facilitator', { sessionIds: [sessions[0]!.id] })
    const agent = await signedIn(app, me.email)
    const register = paths.staff.sessions.register(sessions[0]!.id)
    const all = await postForm(agent, paths.staff.sessions.attendance(sessions[0]!.id), { markAll: 'yes' }, register)
    expect(all.status).to.equal(302)
    expect((await db().select().from(attendance)).map((row) => row.status)).to.deep.equal(['attended', 'attended', 'attended'])
    const page = await agent.get(register)
    expect(cheerio.load(page.text)(`input[name=attendance-${places[1]!.id}][value=attended]`).is(':checked')).to.equal(true)
    await postForm(
      agent,
      paths.staff.sessions.attendance(sessions[0]!.id),
      {
        [`attendance-${places[0]!.id}`]: 'attended',
        [`attendance-${places[1]!.id}`]: 'did_not_attend',
        [`attendance-${places[2]!.id}`]: 'cancelled_late',
      },
      register,
    )
    const rows = await db().select().from(attendance).orderBy(attendance.bookingId)
    expect(rows.map((row) => row.status)).to.deep.equal(['attended', 'did_not_attend', 'cancelled_late'])
    expect(rows.every((row) => row.recordedBy === me.id)).to.equal(true)
    const audits = await db().select().from(auditLog).where(eq(auditLog.action, 'attendance.recorded'))
    expect(audits).to.have.length(5)
    // Recorded: no longer a to-do.
    const mine = await agent.get(paths.staff.mySessions)
    expect(mine.text).not.to.contain('Attendance not recorded')
  })

  it('adds a walk-in at a drop-in when there is space, marked as attended, and refuses one when full', async () => {
    const { app } = t
    const { course, sessions } = await aCourse({ capacity: 2, sessions: [{ date: londonDate(1) }] })
    await aPlace(course.id, (await aFamily()).id)
    const me = await aStaffUser('facilitator', { sessionIds: [sessions[0]!.id] })
    const agent = await signedIn(app, me.email)
    const walkIn = paths.staff.sessions.walkIn(sessions[0]!.id)
    const res = await postForm(agent, walkIn, { parentName: 'Walk In', phone: '07400 123457', childNames: 'Ava, Max' }, walkIn)
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [booking] = await db().select().from(bookings).where(eq(bookings.source, 'walk_in'))
    expect(booking).to.include({ status: 'confirmed', createdByStaffId: me.id })
    expect((await db().select().from(attendance).where(eq(attendance.bookingId, booking!.id)))[0]).to.include({ status: 'attended' })
    const full = await postForm(agent, walkIn, { parentName: 'One Too Many', phone: '07400 123458' }, walkIn)
    expect(full.status).to.equal(400)
    expect(messagesOn(full.text)).to.contain('The drop-in is full')
  })

  it('refuses another facilitator’s register, attendance and walk-ins', async () => {
    const { app } = t
    const { sessions } = await aCourse({ sessions: [{ date: londonDate(1) }] })
    await aStaffUser('facilitator', { sessionIds: [sessions[0]!.id] })
    const other = await aStaffUser('facilitator')
    const agent = await signedIn(app, other.email)
    await agent.get(paths.staff.sessions.register(sessions[0]!.id)).expect(403)
    await agent.get(paths.staff.sessions.csv(sessions[0]!.id)).expect(403)
    const res = await postForm(agent, paths.staff.sessions.attendance(sessions[0]!.id), { markAll: 'yes' })
    expect(res.status).to.equal(403)
    await agent.get(paths.staff.sessions.walkIn(sessions[0]!.id)).expect(403)
  })
})
