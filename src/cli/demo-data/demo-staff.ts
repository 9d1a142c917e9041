import type { Db } from '../../db/database.js'
import { demoRows } from '../../data/demo/demo-rows.js'
import type { StaffRole } from '../../domain/staff.js'
import { hashPassword } from '../../services/staff/passwords.js'

/**
 * One demo account per role. The passwords are public (printed by `npm start` outside production),
 * so these accounts exist only in demo data, never in a real deployment.
 */
export const DEMO_STAFF: readonly { email: string; name: string; role: StaffRole; password: string }[] = [
  { email: 'admin@familyhubs.example', name: 'Alex Admin', role: 'admin', password: 'demo-admin-password' },
  { email: 'manager@familyhubs.example', name: 'Morgan Manager', role: 'hub_manager', password: 'demo-manager-password' },
  { email: 'reception@familyhubs.example', name: 'Riley Reception', role: 'reception', password: 'demo-reception-password' },
  { email: 'facilitator@familyhubs.example', name: 'Frankie Facilitator', role: 'facilitator', password: 'demo-facilitator-password' },
]

/**
 * Adds the demo staff to whatever demo hubs and sessions exist: the hub manager runs the first
 * two hubs; the facilitator runs every session of the first few courses at the first of them.
 */
export async function seedDemoStaff(db: Db): Promise<void> {
  const ids = new Map<StaffRole, number>()
  for (const account of DEMO_STAFF) {
    const id = await demoRows.insertStaffUser(db, { email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password) })
    if (id !== undefined) ids.set(account.role, id)
  }
  const managerId = ids.get('hub_manager')
  const facilitatorId = ids.get('facilitator')
  const firstHubs = await demoRows.firstHubIds(db, 2)
  if (managerId && firstHubs.length > 0) await demoRows.assignHubs(db, managerId, firstHubs)
  if (!facilitatorId || firstHubs.length === 0) return
  const firstCourses = await demoRows.firstCourseIdsAt(db, firstHubs[0]!, 4)
  if (firstCourses.length === 0) return
  const taught = await demoRows.sessionIdsOf(db, firstCourses)
  if (taught.length > 0) await demoRows.assignFacilitator(db, facilitatorId, taught)
}
