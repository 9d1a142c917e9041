import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aProgramme } from '../../support/builders.js'
import { bookings, children } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'
import { aFamily, aStaffUser, signedIn } from './staff-helpers.js'

const db = () => testDatabase().db

describe('register: children outside the course age range', () => {
  const t = useTestApp()

  it('tags the child outside the range, with their age on the first session, on the card, the print table and the CSV', async () => {
    const first = DateTime.now().setZone(LONDON).plus({ days: 3 })
    const programme = await aProgramme({ childAgeFromMonths: 36, childAgeToMonths: 72 })
    const { course, sessions } = await aCourse({ programmeId: programme.id, sessions: [{ date: first.toISODate()! }] })
    const family = await aFamily({ parentName: 'Priya Shah' })
    await db()
      .insert(children)
      .values([
        { familyId: family.id, firstName: 'Maya', dateOfBirth: first.minus({ years: 7 }).toISODate()! },
        { familyId: family.id, firstName: 'Leo', dateOfBirth: first.minus({ years: 4 }).toISODate()! },
      ])
    await db().insert(bookings).values({
      reference: 'FH-AGES-01',
      courseId: course.id,
      familyId: family.id,
      status: 'confirmed',
      manageNonce: 'n-ages',
      manageTokenHash: 'h-ages',
    })
    const me = await aStaffUser('facilitator', { sessionIds: [sessions[0]!.id] })
    const agent = await signedIn(t.app, me.email)
    const $ = cheerio.load((await agent.get(paths.staff.sessions.register(sessions[0]!.id)).expect(200)).text)

    for (const [place, children] of [
      ['print table', $('#register tbody tr td').eq(2)],
      ['card', $('.fh-family-card .govuk-summary-list__row:contains("Children") dd')],
    ] as const) {
      const lines = children
        .find('.fh-register__child')
        .map((_i, el) => $(el).text().replace(/\s+/g, ' ').trim())
        .get()
      // Today Maya is 6; her 7th birthday falls before the first session.
      expect(lines, place).to.deep.equal(['Maya (6) Outside age range (7 on the first session)', 'Leo (3)'])
      expect(children.find('.govuk-tag').length, place).to.equal(1)
    }
    const csv = await agent
      .get(paths.staff.sessions.csv(sessions[0]!.id))
      .buffer(true)
      .parse((r, cb) => {
        let body = ''
        r.setEncoding('utf8')
        r.on('data', (chunk: string) => (body += chunk))
        r.on('end', () => cb(null, body))
      })
      .expect(200)
    expect(csv.body).to.contain('Maya (6), outside age range (7 on the first session); Leo (3)')
  })
})
