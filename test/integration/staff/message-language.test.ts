import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { desc, eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { aBookingRequest } from '../../support/booking-helpers.js'
import { bookings, families } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { aFamily, aStaffUser, messagesOn, postForm, signedIn } from './staff-helpers.js'

const db = () => testDatabase().db

/** Reception records the language of a family's emails and texts; bookings made for them use it. */
describe('reception: the language of a family’s emails and texts', () => {
  const t = useTestApp()

  const bookFor = async (agent: Parameters<typeof postForm>[0], familyId: number, courseId: number) => {
    const res = await postForm(
      agent,
      paths.staff.families.book(familyId),
      { courseId: String(courseId), action: 'book' },
      paths.staff.families.book(familyId),
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [booking] = await db().select().from(bookings).where(eq(bookings.familyId, familyId)).orderBy(desc(bookings.id))
    return booking!
  }

  it('adds a family who phoned with Polish for their messages, shows it on the record, and books for them in Polish', async () => {
    const agent = await signedIn(t.app, (await aStaffUser('reception')).email)
    const { course } = await aCourse({ capacity: 4 })
    const res = await postForm(
      agent,
      paths.staff.families.new,
      { parentName: 'Kasia Nowak', email: 'kasia@example.com', phone: '', messageLanguage: 'pl', contact: 'email', consentSource: 'phone' },
      paths.staff.families.new,
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [family] = await db().select().from(families).where(eq(families.email, 'kasia@example.com'))
    expect(family!.messageLanguage).to.equal('pl')

    const record = cheerio.load((await agent.get(paths.staff.families.show(family!.id)).expect(200)).text)
    const row = record('.govuk-summary-list__row').filter(
      (_, el) => record(el).find('dt').text().trim() === 'Language for emails and texts',
    )
    expect(row.find('dd').first().text().replace(/\s+/g, ' ').trim()).to.equal('Polish (Polski)')
    expect(row.find('[lang="pl"]').text()).to.equal('Polski')

    expect((await bookFor(agent, family!.id, course.id)).language).to.equal('pl')
  })

  it('uses the language reception chose over the language of the family’s last online booking', async () => {
    const { course } = await aCourse({ capacity: 4 })
    const { course: another } = await aCourse({ capacity: 4 })
    const online = await t.services.booking.book(aBookingRequest(course.id, { language: 'ar' }))
    if (online.outcome !== 'confirmed') throw new Error(online.outcome)
    const agent = await signedIn(t.app, (await aStaffUser('reception')).email)
    const familyId = online.booking.familyId
    const [family] = await db().select().from(families).where(eq(families.id, familyId))
    const edit = await postForm(
      agent,
      paths.staff.families.edit(familyId),
      { parentName: family!.parentName, email: family!.email ?? '', phone: family!.phone ?? '', messageLanguage: 'pa' },
      paths.staff.families.edit(familyId),
    )
    expect(edit.status, messagesOn(edit.text)).to.equal(302)
    expect((await bookFor(agent, familyId, another.id)).language).to.equal('pa')
  })

  it('keeps to the last booking’s language when reception chose none', async () => {
    const { course } = await aCourse({ capacity: 4 })
    const { course: another } = await aCourse({ capacity: 4 })
    const online = await t.services.booking.book(aBookingRequest(course.id, { language: 'ar' }))
    if (online.outcome !== 'confirmed') throw new Error(online.outcome)
    const agent = await signedIn(t.app, (await aStaffUser('reception')).email)
    expect((await bookFor(agent, online.booking.familyId, another.id)).language).to.equal('ar')
  })

  it('refuses a language the service does not write in, with a message, and changes nothing', async () => {
    const family = await aFamily()
    const agent = await signedIn(t.app, (await aStaffUser('reception')).email)
    const res = await postForm(
      agent,
      paths.staff.families.edit(family.id),
      { parentName: 'Changed Name', email: family.email ?? '', phone: family.phone ?? '', messageLanguage: 'klingon' },
      paths.staff.families.edit(family.id),
    )
    expect(res.status).to.equal(400)
    expect(messagesOn(res.text)).to.contain('Select the language for emails and texts')
    const [after] = await db().select().from(families).where(eq(families.id, family.id))
    expect(after).to.include({ parentName: family.parentName, messageLanguage: null })
  })
})
