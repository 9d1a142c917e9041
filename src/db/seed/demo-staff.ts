import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../database.js'
import { courses, hubs, sessionFacilitators, sessions, staffHubs, staffUsers, type StaffRole } from '../schema/index.js'
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
    const [row] = await db
      .insert(staffUsers)
      .values({ email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password) })
      .onConflictDoNothing({ target: staffUsers.email })
      .returning({ id: staffUsers.id })
    if (row) ids.set(account.role, row.id)
  }
  const managerId = ids.get('hub_manager')
  const facilitatorId = ids.get('facilitator')
  const firstHubs = await db.select({ id: hubs.id }).from(hubs).orderBy(asc(hubs.id)).limit(2)
  if (managerId && firstHubs.length > 0) {
    await db.insert(staffHubs).values(firstHubs.map((hub) => ({ staffUserId: managerId, hubId: hub.id }))).onConflictDoNothing()
  }
  if (!facilitatorId || firstHubs.length === 0) return
  const firstCourses = await db
    .select({ id: courses.id })
    .from(courses)
    .innerJoin(sessions, eq(sessions.courseId, courses.id))
    .where(eq(courses.hubId, firstHubs[0]!.id))
    .groupBy(courses.id)
    .orderBy(sql`min(${sessions.startsAt})`)
    .limit(4)
  if (firstCourses.length === 0) return
  const taught = await db.select({ id: sessions.id }).from(sessions).where(inArray(sessions.courseId, firstCourses.map((course) => course.id)))
  if (taught.length > 0) {
    await db.insert(sessionFacilitators).values(taught.map((session) => ({ sessionId: session.id, staffUserId: facilitatorId }))).onConflictDoNothing()
  }
}
