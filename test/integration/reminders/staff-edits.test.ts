import { expect } from 'chai'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, weekly } from '../../support/builders.js'
import { staffUsers } from '../../../src/db/schema/index.js'
import { LONDON } from '../../../src/time.js'
import type { StaffPrincipal } from '../../../src/services/staff/policy.js'
import type { FamilyDetails } from '../../../src/services/staff/family-service.js'
import { confirmedBooking, reminderRows } from './reminder-helpers.js'

const inDays = (days: number) => DateTime.now().setZone(LONDON).plus({ days }).toISODate()!

/** Reception changes a family's number or consent on the phone: the reminders follow at once. */
describe('Reminders: after staff edit a family', () => {
  const t = useTestApp()
  let reception: StaffPrincipal

  beforeEach(async () => {
    const [user] = await testDatabase()
      .db.insert(staffUsers)
      .values({ email: 'reception@example.com', name: 'Rita Reception', role: 'reception', passwordHash: 'x' })
      .returning()
    reception = { id: user!.id, name: user!.name, email: user!.email, role: 'reception', hubIds: [] } as StaffPrincipal
  })

  const pendingTexts = async (bookingId: number) =>
    (await reminderRows(bookingId)).filter((row) => row.channel === 'sms' && row.state === 'scheduled')

  it('plans text reminders when consent to texts is recorded by phone, and stops them when it is withdrawn', async () => {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 2) })
    const booking = await confirmedBooking(t, course.id, { contactBySms: false })
    expect(await pendingTexts(booking.id)).to.have.length(0)

    await t.services.staff.families.recordConsent(reception, booking.familyId, {
      source: 'phone',
      contactByEmail: true,
      contactBySms: true,
    })
    expect(await pendingTexts(booking.id)).to.have.length(2)

    await t.services.staff.families.recordConsent(reception, booking.familyId, {
      source: 'phone',
      contactByEmail: true,
      contactBySms: false,
    })
    expect(await pendingTexts(booking.id)).to.have.length(0)
  })

  it('sends pending text reminders to the new number after reception changes it', async () => {
    const { course } = await aCourse({ sessions: weekly(inDays(7), 2) })
    const booking = await confirmedBooking(t, course.id)
    const record = await t.services.staff.families.record(booking.familyId)
    const family = record!.family
    const details: FamilyDetails = {
      parentName: family.parentName,
      otherCarers: family.otherCarers,
      email: family.email,
      phone: '+447700900123',
      postcode: family.postcode,
      messageLanguage: family.messageLanguage,
      interpreterLanguage: family.interpreterLanguage,
      needsStepFree: family.needsStepFree,
      needsChildcare: family.needsChildcare,
      otherSupport: family.otherSupport,
      notes: family.notes,
    }
    expect(await t.services.staff.families.updateDetails(reception, booking.familyId, details)).to.deep.equal({ ok: true })
    const texts = await pendingTexts(booking.id)
    expect(texts).to.have.length(2)
    expect(texts.map((row) => row.recipient)).to.deep.equal(['+447700900123', '+447700900123'])
  })
})
