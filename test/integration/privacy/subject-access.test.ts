import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { eq } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import type { Response } from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import { auditLog, bookings, families, notifications } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { aFamily, aStaffUser, messagesOn, postForm, signedIn } from '../staff/staff-helpers.js'
import { aFamilyWithHistory, whereIdentityRemains, type Identity } from './privacy-helpers.js'

const db = () => testDatabase().db
const auditOf = (familyId: number) => db().select().from(auditLog).where(eq(auditLog.familyId, familyId)).orderBy(auditLog.id)

/** supertest's body of a binary download, as bytes. */
function bytes(res: Response): Uint8Array {
  return new Uint8Array(res.body as Buffer)
}
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

describe('subject access: export and erase a family (admins only)', () => {
  const t = useTestApp()

  it('offers and allows export and erasure to admins only: hub managers and reception get 403', async () => {
    const family = await aFamily()
    const admin = await signedIn(t.app, (await aStaffUser('admin')).email)
    const adminPage = cheerio.load((await admin.get(paths.staff.families.show(family.id)).expect(200)).text)
    expect(adminPage(`a[href="${paths.staff.families.export(family.id)}"]`).text()).to.contain('Export everything we hold')
    expect(adminPage(`a[href="${paths.staff.families.erase(family.id)}"]`).text()).to.contain('Erase this family')
    for (const role of ['hub_manager', 'reception'] as const) {
      const agent = await signedIn(t.app, (await aStaffUser(role)).email)
      const page = (await agent.get(paths.staff.families.show(family.id)).expect(200)).text
      expect(page, role).to.not.contain('Export everything we hold').and.not.contain('Erase this family')
      await agent.get(paths.staff.families.export(family.id)).expect(403)
      await agent.get(paths.staff.families.erase(family.id)).expect(403)
      expect((await postForm(agent, paths.staff.families.export(family.id), { reason: 'Request' })).status, role).to.equal(403)
      expect((await postForm(agent, paths.staff.families.erase(family.id), { reason: 'Request', confirm: 'yes' })).status, role).to.equal(
        403,
      )
    }
    const [after] = await db().select().from(families).where(eq(families.id, family.id))
    expect(after!.anonymisedAt).to.equal(null)
    expect(await auditOf(family.id)).to.have.length(0)
  })

  it('asks for a reason, and for erasure a confirmation, with an error summary and 400', async () => {
    const family = await aFamily()
    const admin = await signedIn(t.app, (await aStaffUser('admin')).email)
    const exportPage = paths.staff.families.export(family.id)
    const noReason = await postForm(admin, exportPage, { reason: '  ' }, exportPage)
    expect(noReason.status).to.equal(400)
    expect(cheerio.load(noReason.text)('.govuk-error-summary a[href="#reason"]').text()).to.equal('Enter the reason for this request')
    const erasePage = paths.staff.families.erase(family.id)
    const neither = await postForm(admin, erasePage, { reason: '' }, erasePage)
    expect(neither.status).to.equal(400)
    const $ = cheerio.load(neither.text)
    expect(
      $('.govuk-error-summary a')
        .map((_i, el) => $(el).attr('href'))
        .get(),
    ).to.deep.equal(['#reason', '#confirm'])
    const unconfirmed = await postForm(admin, erasePage, { reason: 'Asked at the hub' }, erasePage)
    expect(unconfirmed.status).to.equal(400)
    expect(messagesOn(unconfirmed.text)).to.contain('Confirm that you understand erasure cannot be undone')
    expect(cheerio.load(unconfirmed.text)('#reason').text()).to.equal('Asked at the hub')
    const [after] = await db().select().from(families).where(eq(families.id, family.id))
    expect(after!.anonymisedAt).to.equal(null)
  })

  it('downloads one zip with family.json and a CSV per table, and records the export with the reason, not the name', async () => {
    const { familyId, identity } = await aFamilyWithHistory(new Date('2025-05-06T12:00:00Z'))
    const adminUser = await aStaffUser('admin')
    const admin = await signedIn(t.app, adminUser.email)
    const exportPage = paths.staff.families.export(familyId)
    const _csrf = cheerio
      .load((await admin.get(exportPage).expect(200)).text)('input[name=_csrf]')
      .val() as string
    const res = await admin
      .post(exportPage)
      .type('form')
      .send({ _csrf, reason: 'Subject access request by email, case 12' })
      .buffer(true)
      .parse(binary)
    expect(res.status).to.equal(200)
    expect(res.headers['content-type']).to.match(/^application\/zip/)
    expect(res.headers['content-disposition']).to.match(new RegExp(`attachment; filename="?family-${familyId}-\\d{4}-\\d{2}-\\d{2}\\.zip`))
    const files = unzipSync(bytes(res))
    expect(Object.keys(files)).to.include.members(['family.json', 'families.csv', 'children.csv', 'bookings.csv', 'audit_log.csv'])
    expect(strFromU8(files['family.json']!)).to.contain(identity.parentName).and.contain(identity.childName)
    const [entry] = (await auditOf(familyId)).filter((row) => row.action === 'family.exported')
    expect(entry).to.include({ staffUserId: adminUser.id, entityType: 'family', entityId: familyId })
    expect(entry!.changes).to.deep.equal({ before: null, after: { reason: 'Subject access request by email, case 12' } })
  })

  it('erases at once: nothing that identifies the family is left in any table, bookings stay, the record says when', async () => {
    const { familyId, identity, bookingIds } = await aFamilyWithHistory(new Date('2025-05-06T12:00:00Z'))
    // A staff edit through the app (its audit entry holds the details) and a booking ahead (its reminders scheduled).
    const reception = await signedIn(t.app, (await aStaffUser('reception')).email)
    const editPage = paths.staff.families.edit(familyId)
    const edited = await postForm(
      reception,
      editPage,
      {
        parentName: identity.parentName,
        email: identity.email,
        phone: identity.phone.replace('+44', '0'),
        postcode: identity.postcode,
        otherSupport: '',
        notes: `Ask for ${identity.childName}`,
      },
      editPage,
    )
    expect(edited.status, messagesOn(edited.text)).to.equal(302)
    const { course } = await aCourse({ daysFromNow: 10 })
    const booked = await t.services.booking.book({ courseId: course.id, family: { familyId }, source: 'reception' })
    expect(booked.outcome).to.equal('confirmed')

    const adminUser = await aStaffUser('admin')
    const admin = await signedIn(t.app, adminUser.email)
    const erasePage = paths.staff.families.erase(familyId)
    const res = await postForm(admin, erasePage, { reason: 'Erasure asked at the hub, case 7', confirm: 'yes' }, erasePage)
    expect(res.status, messagesOn(res.text)).to.equal(302)
    expect(res.headers.location).to.equal(paths.staff.families.show(familyId))

    const page = cheerio.load((await admin.get(paths.staff.families.show(familyId)).expect(200)).text)
    expect(page('.govuk-inset-text').text()).to.match(/This family’s personal data was erased on \w+ \d+ \w+ \d{4}\./)
    expect(page('.govuk-notification-banner').text()).to.contain('The family’s personal data has been erased')
    expect(page.text()).to.not.contain(identity.parentName)
    expect(await whereIdentityRemains(identity)).to.deep.equal([])

    const kept = await db().select().from(bookings).where(eq(bookings.familyId, familyId))
    expect(kept.map((row) => row.id)).to.include.members([...bookingIds, booked.outcome === 'confirmed' ? booked.booking.id : 0])
    expect(kept.map((row) => row.status).sort()).to.deep.equal(['cancelled', 'confirmed', 'confirmed'])
    const pending = await db().select().from(notifications).where(eq(notifications.state, 'scheduled'))
    expect(pending, 'nothing is left to send to an erased family').to.have.length(0)

    await expectAuditWithoutPersonalData(familyId, identity)
    const [erased] = (await auditOf(familyId)).filter((row) => row.action === 'family.erased')
    expect(erased).to.include({ staffUserId: adminUser.id })
    expect(erased!.changes).to.deep.equal({ before: null, after: { reason: 'Erasure asked at the hub, case 7' } })
  })

  it('keeps an erased record closed: no second erasure, no edits, no bookings', async () => {
    const { familyId } = await aFamilyWithHistory(new Date('2025-05-06T12:00:00Z'))
    const admin = await signedIn(t.app, (await aStaffUser('admin')).email)
    const erasePage = paths.staff.families.erase(familyId)
    expect((await postForm(admin, erasePage, { reason: 'Case 1', confirm: 'yes' }, erasePage)).status).to.equal(302)
    const again = await admin.get(erasePage)
    expect(again.status).to.equal(302)
    const record = (await admin.get(paths.staff.families.show(familyId)).expect(200)).text
    expect(record).to.not.contain('Erase this family')
    expect(record).to.contain('Export everything we hold')
    await admin.get(paths.staff.families.edit(familyId)).expect(409)
    await admin.get(paths.staff.families.book(familyId)).expect(409)
    expect((await auditOf(familyId)).filter((row) => row.action === 'family.erased')).to.have.length(1)
  })
})

/** Every audit entry about the family: the staff's own reason at most, never what identifies them. */
async function expectAuditWithoutPersonalData(familyId: number, identity: Identity) {
  const entries = await auditOf(familyId)
  expect(entries.length).to.be.greaterThan(2)
  const text = JSON.stringify(entries)
  for (const value of Object.values(identity)) expect(text, value).to.not.contain(value)
  for (const entry of entries.filter((row) => !['family.erased', 'family.exported'].includes(row.action))) {
    expect(entry.changes, entry.action).to.deep.equal({ redacted: true })
  }
}
