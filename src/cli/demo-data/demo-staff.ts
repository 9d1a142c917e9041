import type { Db } from '../../db/database.js'
import { demoRows } from '../../data/demo/demo-rows.js'
import type { StaffRole } from '../../domain/staff.js'
import { DEMO_STAFF } from '../../domain/demo-staff.js'
import { hashPassword } from '../../services/staff/passwords.js'

/**
 * Adds the demo staff to whatever demo hubs and sessions exist: the hub manager runs the first
 * two hubs; the facilitator runs every session of the first few courses at the first of them
 * that are not over by `now`, and of those there that are (their registers, already taken).
 */
export async function seedDemoStaff(db: Db, now = new Date()): Promise<void> {
  const ids = new Map<StaffRole, number>()
  for (const account of DEMO_STAFF) {
    const id = await demoRows.insertStaffUser(db, {
      email: account.email,
      name: account.name,
      role: account.role,
      passwordHash: await hashPassword(account.password),
    })
    if (id !== undefined) ids.set(account.role, id)
  }
  const managerId = ids.get('hub_manager')
  const facilitatorId = ids.get('facilitator')
  const firstHubs = await demoRows.firstHubIds(db, 2)
  if (managerId && firstHubs.length > 0) await demoRows.assignHubs(db, managerId, firstHubs)
  if (!facilitatorId || firstHubs.length === 0) return
  const firstCourses = [
    ...(await demoRows.courseIdsAt(db, firstHubs[0]!, { limit: 4, endingAfter: now })),
    ...(await demoRows.courseIdsAt(db, firstHubs[0]!, { endedBy: now })),
  ]
  if (firstCourses.length === 0) return
  const taught = await demoRows.sessionIdsOf(db, firstCourses)
  if (taught.length > 0) await demoRows.assignFacilitator(db, facilitatorId, taught)
}
