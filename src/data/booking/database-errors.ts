/**
 * What the database said when it refused a write. drizzle wraps the pg error (its `cause`), so
 * the chain is walked to find the SQLSTATE and the constraint's name. Services turn these into
 * outcomes ("full", "already booked") instead of 500s.
 */
export interface DatabaseRefusal {
  kind: 'unique' | 'check' | 'retry'
  constraint: string | undefined
}

const UNIQUE_VIOLATION = '23505'
const CHECK_VIOLATION = '23514'
// Serialisation failure and deadlock: the transaction can simply run again.
const RETRYABLE = new Set(['40001', '40P01'])

export function databaseRefusal(error: unknown): DatabaseRefusal | undefined {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; cause?: unknown }
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = typeof candidate.constraint === 'string' ? candidate.constraint : undefined
      if (candidate.code === UNIQUE_VIOLATION) return { kind: 'unique', constraint }
      if (candidate.code === CHECK_VIOLATION) return { kind: 'check', constraint }
      if (RETRYABLE.has(candidate.code)) return { kind: 'retry', constraint }
      return undefined
    }
    current = candidate.cause
  }
  return undefined
}
