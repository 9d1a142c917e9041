import type { Tx } from '../../db/database.js'
import type { AuditFilter, AuditRepository } from '../../data/staff/audit-repository.js'
import type { StaffPrincipal } from './policy.js'

export interface AuditEvent {
  action: string
  entityType: string
  entityId?: number | null
  familyId?: number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

/**
 * Writes who did what to a family's data or a booking, inside the same transaction as the change:
 * the change and its record commit together or not at all. For an edit only the fields that
 * changed are kept, as before and after.
 */
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async record(tx: Tx, actor: StaffPrincipal | null, event: AuditEvent): Promise<void> {
    await this.repository.insert(tx, {
      staffUserId: actor?.id ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      familyId: event.familyId ?? null,
      changes: changesBetween(event.before ?? null, event.after ?? null),
    })
  }

  search(filter: AuditFilter, page = 1, pageSize = 50) {
    return this.repository.search(filter, pageSize + 1, (page - 1) * pageSize)
  }

  actions() {
    return this.repository.actions()
  }
}

/** { before, after } holding only the keys whose values differ (all keys for a create or delete). */
function changesBetween(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before || !after) return { before: normalise(before), after: normalise(after) }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const changedBefore: Record<string, unknown> = {}
  const changedAfter: Record<string, unknown> = {}
  for (const key of keys) {
    const a = normaliseValue(before[key])
    const b = normaliseValue(after[key])
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      changedBefore[key] = a
      changedAfter[key] = b
    }
  }
  return { before: changedBefore, after: changedAfter }
}

const normaliseValue = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value === undefined ? null : value)

function normalise(record: Record<string, unknown> | null) {
  if (!record) return null
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, normaliseValue(value)]))
}
