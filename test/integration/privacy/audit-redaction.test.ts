import { expect } from 'chai'
import { eq, sql, type SQL } from 'drizzle-orm'
import { useEmptyDatabase } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { auditLog, families } from '../../../src/db/schema/index.js'
import { aFamilyWithHistory } from './privacy-helpers.js'

const db = () => testDatabase().db
const ERASING = sql`select set_config('fh.erasing', 'on', true)`
const REDACT = (familyId: number) => sql`update audit_log set changes = '{"redacted": true}'::jsonb where family_id = ${familyId}`

/** Runs the statements in one transaction: 'done', or the database's message when it refused. */
async function attempt(...statements: SQL[]): Promise<string> {
  try {
    await db().transaction(async (tx) => {
      for (const statement of statements) await tx.execute(statement)
    })
    return 'done'
  } catch (error) {
    const e = error as { cause?: Error; message?: string }
    return e.cause?.message ?? e.message ?? String(error)
  }
}

describe('audit log: append-only, except redaction of an erased family’s entries', () => {
  useEmptyDatabase()

  async function anErasedFamily() {
    const { familyId } = await aFamilyWithHistory(new Date('2024-01-10T12:00:00Z'))
    await db().update(families).set({ anonymisedAt: new Date() }).where(eq(families.id, familyId))
    return familyId
  }

  it('still refuses every ordinary UPDATE, DELETE and TRUNCATE', async () => {
    const familyId = await anErasedFamily()
    expect(await attempt(sql`update audit_log set action = 'changed'`)).to.contain('append-only')
    expect(await attempt(REDACT(familyId))).to.contain('append-only')
    expect(await attempt(sql`delete from audit_log`)).to.contain('append-only')
    expect(await attempt(sql`truncate audit_log`)).to.contain('append-only')
  })

  it('refuses anything but the redaction marker, or any other column changed, even while erasing', async () => {
    const familyId = await anErasedFamily()
    expect(await attempt(ERASING, sql`update audit_log set changes = '{"after": {}}'::jsonb where family_id = ${familyId}`)).to.contain(
      'append-only',
    )
    expect(await attempt(ERASING, sql`update audit_log set changes = null where family_id = ${familyId}`)).to.contain('append-only')
    expect(
      await attempt(
        ERASING,
        sql`update audit_log set changes = '{"redacted": true}'::jsonb, action = 'other' where family_id = ${familyId}`,
      ),
    ).to.contain('append-only')
    expect(
      await attempt(ERASING, sql`update audit_log set changes = '{"redacted": true}'::jsonb, at = now() where family_id = ${familyId}`),
    ).to.contain('append-only')
    expect(await attempt(ERASING, sql`delete from audit_log where family_id = ${familyId}`)).to.contain('append-only')
  })

  it('refuses redacting the entries of a family that is not erased', async () => {
    const { familyId } = await aFamilyWithHistory(new Date('2024-01-10T12:00:00Z'))
    expect(await attempt(ERASING, REDACT(familyId))).to.contain('append-only')
  })

  it('allows the redaction marker on an erased family’s entries only in the transaction that said it is erasing', async () => {
    const familyId = await anErasedFamily()
    expect(await attempt(ERASING, REDACT(familyId))).to.equal('done')
    const rows = await db().select().from(auditLog).where(eq(auditLog.familyId, familyId))
    expect(rows.map((row) => row.changes)).to.deep.equal(rows.map(() => ({ redacted: true })))
    expect(rows.map((row) => row.action)).to.have.members(['family.details_changed', 'family.child_added'])
    // The setting ended with that transaction.
    expect(await attempt(REDACT(familyId))).to.contain('append-only')
  })
})
