import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { hubs, passwordResets, staffHubs, staffUsers, type StaffRole } from '../../db/schema/index.js'

export type StaffUser = typeof staffUsers.$inferSelect

/** Staff accounts, the hubs a manager runs, and password-reset tokens (stored as hashes). */
export class StaffUserRepository {
  constructor(private readonly db: Executor) {}

  async byEmail(email: string, db: Executor = this.db): Promise<StaffUser | undefined> {
    const [user] = await db.select().from(staffUsers).where(eq(staffUsers.email, email.trim().toLowerCase()))
    return user
  }

  async byId(id: number, db: Executor = this.db): Promise<StaffUser | undefined> {
    const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, id))
    return user
  }

  async hubIds(staffUserId: number, db: Executor = this.db): Promise<number[]> {
    const rows = await db.select({ hubId: staffHubs.hubId }).from(staffHubs).where(eq(staffHubs.staffUserId, staffUserId))
    return rows.map((row) => row.hubId)
  }

  async list(db: Executor = this.db) {
    const users = await db.select().from(staffUsers).orderBy(asc(staffUsers.name))
    const links = await db.select({ staffUserId: staffHubs.staffUserId, hubName: hubs.name }).from(staffHubs).innerJoin(hubs, eq(staffHubs.hubId, hubs.id))
    return users.map((user) => ({ ...user, hubNames: links.filter((link) => link.staffUserId === user.id).map((link) => link.hubName) }))
  }

  async byRole(role: StaffRole, db: Executor = this.db): Promise<StaffUser[]> {
    return db.select().from(staffUsers).where(and(eq(staffUsers.role, role), eq(staffUsers.active, true))).orderBy(asc(staffUsers.name))
  }

  async insert(values: { email: string; name: string; role: StaffRole; passwordHash: string }, db: Executor = this.db): Promise<StaffUser> {
    const [user] = await db
      .insert(staffUsers)
      .values({ ...values, email: values.email.trim().toLowerCase() })
      .returning()
    return user!
  }

  async update(id: number, values: Partial<Pick<StaffUser, 'name' | 'role' | 'active' | 'passwordHash'>>, db: Executor = this.db): Promise<void> {
    await db.update(staffUsers).set(values).where(eq(staffUsers.id, id))
  }

  async setHubs(staffUserId: number, hubIds: readonly number[], db: Executor = this.db): Promise<void> {
    await db.delete(staffHubs).where(eq(staffHubs.staffUserId, staffUserId))
    if (hubIds.length > 0) await db.insert(staffHubs).values(hubIds.map((hubId) => ({ staffUserId, hubId })))
  }

  /** Ends every session of this user: sessions carry the generation they were made with. */
  async bumpSessionGeneration(id: number, db: Executor = this.db): Promise<number> {
    const [row] = await db
      .update(staffUsers)
      .set({ sessionGeneration: sql`${staffUsers.sessionGeneration} + 1` })
      .where(eq(staffUsers.id, id))
      .returning({ generation: staffUsers.sessionGeneration })
    return row!.generation
  }

  async insertReset(values: { tokenHash: string; staffUserId: number; expiresAt: Date }, db: Executor = this.db): Promise<void> {
    await db.insert(passwordResets).values(values)
  }

  /** Marks an unused, unexpired reset used and returns its user: a link works once. */
  async useReset(tokenHash: string, now: Date, db: Executor = this.db): Promise<number | undefined> {
    const [row] = await db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ staffUserId: passwordResets.staffUserId })
    return row?.staffUserId
  }

  async findUsableReset(tokenHash: string, now: Date, db: Executor = this.db): Promise<number | undefined> {
    const [row] = await db
      .select({ staffUserId: passwordResets.staffUserId })
      .from(passwordResets)
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    return row?.staffUserId
  }

  async hubsByIds(ids: readonly number[], db: Executor = this.db) {
    if (ids.length === 0) return []
    return db.select().from(hubs).where(inArray(hubs.id, [...ids]))
  }
}
