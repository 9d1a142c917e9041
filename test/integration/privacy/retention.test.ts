import { expect } from 'chai'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { figuresSnapshot } from '../../support/figures-snapshot.js'
import { familyRetentionHandler } from '../../../jobs/family-retention.js'
import { auditLog, bookings, families } from '../../../src/db/schema/index.js'
import { ERASED_PARENT_NAME } from '../../../src/domain/data-protection.js'
import { aFamilyWithHistory, aFamilyWithoutBookings, monthsBefore, whereIdentityRemains } from './privacy-helpers.js'

const db = () => testDatabase().db
const familyRow = async (id: number) => (await db().select().from(families).where(eq(families.id, id)))[0]!

describe('retention: families are anonymised RETENTION_MONTHS after their last session', () => {
  const t = useTestApp({ env: { RETENTION_MONTHS: '24' } })
  const now = new Date('2026-06-15T12:00:00Z')

  it('anonymises a family whose last session ended 25 months ago, and not one whose ended 23 months ago', async () => {
    const past = await aFamilyWithHistory(monthsBefore(now, 25))
    const inside = await aFamilyWithHistory(monthsBefore(now, 23))

    expect(await t.services.staff.dataProtection.applyRetention(now)).to.equal(1)

    const anonymised = await familyRow(past.familyId)
    expect(anonymised.anonymisedAt?.toISOString()).to.equal(now.toISOString())
    expect(anonymised).to.include({
      parentName: ERASED_PARENT_NAME,
      email: null,
      phone: null,
      postcode: null,
      otherCarers: null,
      notes: null,
    })
    expect(await whereIdentityRemains(past.identity)).to.deep.equal([])
    expect(await familyRow(inside.familyId)).to.include({ anonymisedAt: null, parentName: inside.identity.parentName })
    expect(await whereIdentityRemains(inside.identity)).to.have.length.greaterThan(0)

    // Two months later the second family is past retention too: the clock decides, nothing else.
    expect(await t.services.staff.dataProtection.applyRetention(monthsBefore(now, -2))).to.equal(1)
    expect((await familyRow(inside.familyId)).anonymisedAt).to.not.equal(null)
  })

  it('anonymises a family who never booked once their record is older than the retention period', async () => {
    const old = await aFamilyWithoutBookings(monthsBefore(now, 25))
    const recent = await aFamilyWithoutBookings(monthsBefore(now, 1))
    await t.services.staff.dataProtection.applyRetention(now)
    expect((await familyRow(old.id)).anonymisedAt).to.not.equal(null)
    expect((await familyRow(recent.id)).anonymisedAt).to.equal(null)
  })

  it('keeps a family with a session still ahead, however old their first booking', async () => {
    const family = await aFamilyWithHistory(monthsBefore(now, 30))
    // The same family books a course that runs next month.
    const later = await aFamilyWithHistory(monthsBefore(now, -1))
    await db().update(bookings).set({ courseId: later.course.id }).where(eq(bookings.id, family.bookingIds[0]!))
    await t.services.staff.dataProtection.applyRetention(now)
    expect((await familyRow(family.familyId)).anonymisedAt).to.equal(null)
  })

  it('leaves every figure the reports count unchanged', async () => {
    await aFamilyWithHistory(monthsBefore(now, 26))
    await aFamilyWithHistory(monthsBefore(now, 25))
    await aFamilyWithHistory(monthsBefore(now, 2))
    const before = await figuresSnapshot()
    expect(await t.services.staff.dataProtection.applyRetention(now)).to.equal(2)
    expect(await figuresSnapshot()).to.deep.equal(before)
  })

  it('is a scheduled job that is safe to run twice, and records each anonymisation without a name', async () => {
    const past = await aFamilyWithHistory(monthsBefore(new Date(), 25))
    const run = familyRetentionHandler(t.services)
    await run()
    const once = await figuresSnapshot()
    await run()
    expect(await figuresSnapshot()).to.deep.equal(once)
    const entries = await db().select().from(auditLog).where(eq(auditLog.action, 'family.anonymised'))
    expect(entries).to.have.length(1)
    expect(entries[0]).to.include({ familyId: past.familyId, staffUserId: null })
    expect(entries[0]!.changes).to.deep.equal({ before: null, after: { reason: 'Retention: no session for 24 months' } })
  })
})
