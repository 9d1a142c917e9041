import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { bookings } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { aFamily, aStaffUser, signedIn } from './staff-helpers.js'

const text = (html: string) => cheerio.load(html).root().text().replace(/\s+/g, ' ')

describe('staff pages: the language a family booked in', () => {
  const t = useTestApp()

  it('shows a Polish booking as "Polish (Polski)" on the register, the family record and the booking, and says nothing for English', async () => {
    const { course, sessions } = await aCourse({ sessions: [{ date: DateTime.now().setZone(LONDON).plus({ days: 3 }).toISODate()! }] })
    const polish = await aFamily({ parentName: 'Agnieszka Nowak' })
    const english = await aFamily({ parentName: 'Sarah Jones' })
    const [booking] = await testDatabase()
      .db.insert(bookings)
      .values([
        {
          reference: 'FH-LANG-PL',
          courseId: course.id,
          familyId: polish.id,
          status: 'confirmed',
          language: 'pl',
          manageNonce: 'n-pl',
          manageTokenHash: 'h-pl',
        },
        {
          reference: 'FH-LANG-EN',
          courseId: course.id,
          familyId: english.id,
          status: 'confirmed',
          manageNonce: 'n-en',
          manageTokenHash: 'h-en',
        },
      ])
      .returning()
    const agent = await signedIn(t.app, (await aStaffUser('admin')).email)

    const register = await agent.get(paths.staff.sessions.register(sessions[0]!.id)).expect(200)
    const $ = cheerio.load(register.text)
    const card = (name: string) => $(`.fh-family-card:contains("${name}")`).text().replace(/\s+/g, ' ')
    expect(card('Agnieszka Nowak')).to.include('Language Polish (Polski)')
    expect(card('Sarah Jones')).not.to.include('Language')
    expect($('#register').text().replace(/\s+/g, ' ')).to.include('Agnieszka NowakLanguage: Polish (Polski)')
    expect($('span[lang="pl"]').first().text()).to.equal('Polski')

    const record = text((await agent.get(paths.staff.families.show(polish.id)).expect(200)).text)
    expect(record).to.include('FH-LANG-PLIn Polish (Polski)')
    expect(text((await agent.get(paths.staff.families.show(english.id)).expect(200)).text)).not.to.include('In English')
    expect(text((await agent.get(paths.staff.bookings.show(booking!.id)).expect(200)).text)).to.include('Language Polish (Polski)')
  })
})
