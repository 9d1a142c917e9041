import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { auditLog, families, staffUsers } from '../../db/schema/index.js'

export interface AuditEntry {
  staffUserId: number | null
  action: string
  entityType: string
  entityId: number | null
  familyId: number | null
  changes: unknown
}

export interface AuditFilter {
  staffUserId?: number | undefined
  action?: string | undefined
  familyId?: number | undefined
  /** Instants: from inclusive, to exclusive. */
  from?: Date | undefined
  to?: Date | undefined
}

/** The append-only audit log (a trigger refuses UPDATE and DELETE). */
export class AuditRepository {
  constructor(private readonly db: Executor) {}

  async insert(db: Executor, entry: AuditEntry): Promise<void> {
    await db.insert(auditLog).values({ ...entry, changes: entry.changes ?? null })
  }

  async search(filter: AuditFilter, limit: number, offset: number) {
    const conditions: SQL[] = []
    if (filter.staffUserId !== undefined) conditions.push(eq(auditLog.staffUserId, filter.staffUserId))
    if (filter.action) conditions.push(eq(auditLog.action, filter.action))
    if (filter.familyId !== undefined) conditions.push(eq(auditLog.familyId, filter.familyId))
    if (filter.from) conditions.push(gte(auditLog.at, filter.from))
    if (filter.to) conditions.push(lt(auditLog.at, filter.to))
    return this.db
      .select({ entry: auditLog, staffName: staffUsers.name, familyName: families.parentName })
      .from(auditLog)
      .leftJoin(staffUsers, eq(auditLog.staffUserId, staffUsers.id))
      .leftJoin(families, eq(auditLog.familyId, families.id))
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit)
      .offset(offset)
  }

  async actions(): Promise<string[]> {
    const rows = await this.db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action)
    return rows.map((row) => row.action)
  }
}
