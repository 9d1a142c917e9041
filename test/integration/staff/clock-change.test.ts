import { expect } from 'chai'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import { courses, sessions } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { aStaffUser, messagesOn, postForm, signedIn } from './staff-helpers.js'

const db = () => testDatabase().db
const GAP = 'That time does not exist in the UK: the clocks go forward an hour at 1am that night'

/** The next last Sunday in March still to come: the night London skips 01:00 to 02:00. */
function nextSpringForward(): DateTime {
  const now = DateTime.now().setZone(LONDON)
  for (const year of [now.year, now.year + 1]) {
    const endOfMarch = DateTime.fromObject({ year, month: 3, day: 31 }, { zone: LONDON })
    const sunday = endOfMarch.minus({ days: endOfMarch.weekday % 7 })
    if (sunday > now.plus({ days: 1 })) return sunday
  }
  throw new Error('unreachable')
}

describe('staff forms and the hour the clocks skip in March', () => {
  const t = useTestApp()

  it('refuses a course whose session would start in the skipped hour, naming the clock change', async () => {
    const hub = await aHub()
    const programme = await aProgramme()
    const agent = await signedIn(t.app, (await aStaffUser('admin')).email)
    const form = {
      programmeId: String(programme.id),
      hubId: String(hub.id),
      capacity: '8',
      startTime: '01:30',
      endTime: '03:00',
      sessions: '1',
      skipDates: '',
    }
    const res = await postForm(
      agent,
      paths.staff.courses.new,
      { ...form, firstDate: nextSpringForward().toISODate()! },
      paths.staff.courses.new,
    )
    expect(res.status).to.equal(400)
    expect(messagesOn(res.text)).to.contain(GAP)
    // A weekly course meeting in that hour on a later week is refused too, with the date.
    const twoWeeksBefore = nextSpringForward().minus({ weeks: 2 })
    const weekly = await postForm(
      agent,
      paths.staff.courses.new,
      { ...form, sessions: '4', firstDate: twoWeeksBefore.toISODate()! },
      paths.staff.courses.new,
    )
    expect(weekly.status).to.equal(400)
    expect(messagesOn(weekly.text)).to.contain(`${GAP} (${nextSpringForward().toISODate()})`)
    expect(await db().select().from(courses)).to.have.length(0)
    // The same form an hour later is fine.
    const fine = await postForm(
      agent,
      paths.staff.courses.new,
      { ...form, startTime: '02:30', firstDate: nextSpringForward().toISODate()! },
      paths.staff.courses.new,
    )
    expect(fine.status, messagesOn(fine.text)).to.equal(302)
  })

  it('refuses to move a session into the skipped hour, and leaves it where it was', async () => {
    const {
      sessions: [session],
    } = await aCourse({ daysFromNow: 5 })
    const agent = await signedIn(t.app, (await aStaffUser('admin')).email)
    const date = nextSpringForward().toISODate()!
    const res = await postForm(
      agent,
      paths.staff.sessions.move(session!.id),
      { date, startTime: '01:30', endTime: '02:30', room: '' },
      paths.staff.sessions.move(session!.id),
    )
    expect(res.status).to.equal(400)
    expect(messagesOn(res.text)).to.contain(GAP)
    const [unmoved] = await db().select().from(sessions).where(eq(sessions.id, session!.id))
    expect(unmoved!.startsAt.getTime()).to.equal(session!.startsAt.getTime())
  })
})
