import { expect } from 'chai'
import { sql } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aStaffUser } from '../staff/staff-helpers.js'
import { aFamilyWithHistory } from './privacy-helpers.js'

/**
 * Every table that holds rows about a family, read from the live database so that it cannot fall
 * behind the migrations: a foreign key to families.id, a column named family_id, or a foreign key
 * to bookings.id (attendance, notifications and whatever comes next).
 */
async function tablesAboutFamilies(): Promise<string[]> {
  const result = await testDatabase().db.execute<{ table_name: string }>(sql`
    select distinct kcu.table_name from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'
      and ccu.table_name in ('families', 'bookings') and ccu.column_name = 'id'
    union
    select c.table_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.column_name = 'family_id'
    order by 1`)
  return result.rows.map((row) => row.table_name)
}

describe('subject access export: complete, whatever tables are added later', () => {
  const t = useTestApp()

  it('has a CSV and a family.json section for every table that refers to families or bookings', async () => {
    const tables = await tablesAboutFamilies()
    // The test itself must see the tables it knows about, or it proves nothing.
    expect(tables).to.include.members(['bookings', 'children', 'attendance', 'notifications', 'audit_log'])
    const { familyId } = await aFamilyWithHistory(new Date('2025-03-04T12:00:00Z'))
    const admin = await aStaffUser('admin')
    const download = await t.services.staff.dataProtection.exportFamily({ ...admin, hubIds: [] }, familyId, 'Request by email')
    const files = unzipSync(download!.zip)
    const json = JSON.parse(strFromU8(files['family.json']!)) as { familyId: number; tables: Record<string, Record<string, unknown>[]> }
    expect(json.familyId).to.equal(familyId)
    for (const table of ['families', ...tables]) {
      expect(Object.keys(json.tables), `family.json has ${table}`).to.include(table)
      expect(Object.keys(files), `the zip has ${table}.csv`).to.include(`${table}.csv`)
    }
  })

  it('holds the family’s rows from every table, with their contact details found by address and number too', async () => {
    const { familyId, identity, bookingIds } = await aFamilyWithHistory(new Date('2025-03-04T12:00:00Z'))
    await aFamilyWithHistory(new Date('2025-03-04T12:00:00Z'))
    const admin = await aStaffUser('admin')
    const download = await t.services.staff.dataProtection.exportFamily({ ...admin, hubIds: [] }, familyId, 'Request by email')
    const files = unzipSync(download!.zip)
    const { tables } = JSON.parse(strFromU8(files['family.json']!)) as { tables: Record<string, Record<string, unknown>[]> }
    const counts = Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.length]))
    expect(counts).to.include({
      families: 1,
      children: 1,
      bookings: 2,
      attendance: 1,
      notifications: 3,
      inbound_messages: 1,
      sms_opt_outs: 1,
      access_links: 1,
      audit_log: 2,
    })
    expect(tables.families![0]).to.include({ parent_name: identity.parentName, email: identity.email, postcode: identity.postcode })
    expect(tables.bookings!.map((row) => row.id)).to.have.members(bookingIds)
    // Secrets that would let the reader act as the family are left out.
    expect(tables.bookings![0]).to.not.have.any.keys('manage_token_hash', 'manage_nonce', 'request_key')
    expect(tables.access_links![0]).to.not.have.property('token_hash')
    // The CSV defuses cells a spreadsheet would run: the phone number starts with +.
    const csv = strFromU8(files['families.csv']!)
    expect(csv).to.contain(`'${identity.phone}`).and.contain(identity.parentName)
  })
})
