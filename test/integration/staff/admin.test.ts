import { expect } from 'chai'
import * as cheerio from 'cheerio'
import { eq, sql } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { buildTestApp } from '../../support/test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aHub } from '../../support/builders.js'
import { auditLog, staffHubs, staffUsers } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { seedDemoStaff } from '../../../src/cli/demo-data/demo-staff.js'
import { DEMO_STAFF } from '../../../src/domain/demo-staff.js'
import { aFamily, aStaffUser, messagesOn, postForm, signedIn } from './staff-helpers.js'

const db = () => testDatabase().db

describe('admins: staff accounts and the audit log', () => {
  const t = useTestApp()

  it('adds a hub manager for two hubs, who can then sign in', async () => {
    const { app } = t
    const [one, two] = [await aHub(), await aHub()]
    const agent = await signedIn(app, (await aStaffUser('admin')).email)
    const res = await postForm(
      agent,
      paths.staff.users.new,
      {
        name: 'Hana Manager',
        email: 'Hana@Hub.example',
        password: 'a long enough password',
        role: 'hub_manager',
        hubIds: [String(one.id), String(two.id)],
      },
      paths.staff.users.new,
    )
    expect(res.status, messagesOn(res.text)).to.equal(302)
    const [user] = await db().select().from(staffUsers).where(eq(staffUsers.email, 'hana@hub.example'))
    expect(user!.role).to.equal('hub_manager')
    expect((await db().select().from(staffHubs)).map((h) => h.hubId).sort()).to.deep.equal([one.id, two.id].sort())
    await signedIn(app, 'hana@hub.example', 'a long enough password')
  })

  it('ends a deactivated member of staff’s sessions at once', async () => {
    const { app } = t
    const reception = await aStaffUser('reception')
    const theirs = await signedIn(app, reception.email)
    const admin = await signedIn(app, (await aStaffUser('admin')).email)
    const res = await postForm(
      admin,
      paths.staff.users.edit(reception.id),
      { name: reception.name, role: 'reception', deactivate: 'yes' },
      paths.staff.users.edit(reception.id),
    )
    expect(res.status).to.equal(302)
    await theirs.get(paths.staff.home).expect(302)
  })

  it('shows the audit log filtered by staff, action, family and date, and the log cannot be changed', async () => {
    const { app } = t
    const family = await aFamily()
    const other = await aFamily()
    const reception = await aStaffUser('reception', { name: 'Rhian Reception' })
    const agent = await signedIn(app, reception.email)
    await postForm(
      agent,
      paths.staff.families.referral(family.id),
      { referredBy: 'school', priority: 'yes' },
      paths.staff.families.referral(family.id),
    )
    await postForm(agent, paths.staff.families.referral(other.id), { referredBy: 'gp' }, paths.staff.families.referral(other.id))
    const admin = await signedIn(app, (await aStaffUser('admin')).email)
    const all = cheerio.load((await admin.get(paths.staff.audit).expect(200)).text)
    expect(all('#audit tbody tr')).to.have.length(2)
    const filtered = await admin.get(paths.staff.audit).query({
      staff: String(reception.id),
      action: 'family.referral_changed',
      family: String(family.id),
      from: new Date().toISOString().slice(0, 10),
      to: new Date().toISOString().slice(0, 10),
    })
    const $ = cheerio.load(filtered.text)
    expect($('#audit tbody tr')).to.have.length(1)
    expect($('#audit tbody tr').text()).to.contain('Rhian Reception').and.contain('"referredBy":"school"').and.contain('"priority":true')
    const none = cheerio.load((await admin.get(paths.staff.audit).query({ from: '2001-01-01', to: '2001-01-02' })).text)
    expect(none('#audit tbody tr')).to.have.length(0)
    let refused: unknown
    await db()
      .execute(sql`update audit_log set action = 'changed'`)
      .catch((error: unknown) => (refused = error))
    expect(String((refused as { cause?: Error })?.cause?.message ?? refused)).to.contain('append-only')
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'changed'))).to.have.length(0)
  })

  it('prints the demo sign-ins outside production only, and only while the demo passwords work', async () => {
    const { services } = t
    await seedDemoStaff(testDatabase().db)
    const lines = await services.demoLogins()
    expect(lines.join('\n')).to.contain(DEMO_STAFF[0]!.email).and.contain(DEMO_STAFF[0]!.password)
    expect(lines).to.have.length(DEMO_STAFF.length + 1)
    const { services: production } = await buildTestApp({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
    expect(await production.demoLogins()).to.deep.equal([])
    await db().update(staffUsers).set({ passwordHash: 'scrypt$1$1$1$AA==$AA==' }).where(eq(staffUsers.email, DEMO_STAFF[0]!.email))
    expect((await services.demoLogins()).join('\n')).not.to.contain(DEMO_STAFF[0]!.email)
  })
})
