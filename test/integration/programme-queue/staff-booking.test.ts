import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import { bookings } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { aFamily, aStaffUser, postForm, signedIn } from '../staff/staff-helpers.js'

describe('staff booking on behalf: other runs of the programme', () => {
  const t = useTestApp()

  it('adds a family to the waiting list of a full run with the other runs they would take', async () => {
    const programme = await aProgramme()
    const hub = await aHub({ name: 'Canley Hub' })
    const { course } = await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 10 })
    const { course: other } = await aCourse({ programmeId: programme.id, hubId: hub.id, capacity: 1, daysFromNow: 12 })
    const agent = await signedIn(t.app, (await aStaffUser('reception')).email)
    const first = await aFamily()
    const second = await aFamily()
    const book = paths.staff.families.book
    await postForm(agent, book(first.id), { courseId: String(course.id), action: 'book' }, book(first.id))
    const full = await postForm(agent, book(second.id), { courseId: String(course.id), action: 'book' }, book(second.id))
    const $ = cheerio.load(full.text)
    expect($(`input[name="alsoSuitable"][value="${other.id}"]`)).to.have.length(1)
    expect($('.govuk-checkboxes').text()).to.contain('Canley Hub')
    const joined = await postForm(
      agent,
      book(second.id),
      { courseId: String(course.id), action: 'waiting', alsoSuitable: String(other.id) },
      book(second.id),
    )
    expect(joined.status).to.equal(302)
    const [entry] = await testDatabase().db.select().from(bookings).where(eq(bookings.familyId, second.id))
    expect(entry).to.include({ status: 'waiting', programmeQueue: true })
    expect(await t.services.booking.programmeQueue.suitableRuns(entry!)).to.deep.equal([other.id])
  })
})
