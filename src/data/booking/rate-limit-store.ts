import type pg from 'pg'
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible'

type RateLimitAnswer = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** What the web layer sees of a rate limit: count one request against a key. */
export interface RateLimit {
  /** Counts one hit; says whether it is within the limit, and if not, when to try again. */
  hit(key: string): Promise<RateLimitAnswer>
  /** Counts nothing: whether one more hit would be within the limit. */
  check(key: string): Promise<RateLimitAnswer>
}

export interface RateLimitOptions {
  /** Prefix for the counters' keys, such as 'booking'. */
  name: string
  points: number
  durationSeconds: number
}

/**
 * Counters in PostgreSQL (table rate_limits, made by the migrations) through rate-limiter-flexible,
 * so that every web process shares them. An upsert per hit keeps each count atomic.
 */
export function postgresRateLimit(pool: pg.Pool, options: RateLimitOptions): RateLimit {
  const limiter = new RateLimiterPostgres({
    storeClient: unnamedStatements(pool),
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix: options.name,
    points: options.points,
    duration: options.durationSeconds,
    // The library deletes counters expired over an hour ago every 5 minutes (an unref'd timer).
    clearExpiredByTimeout: true,
  })
  return {
    async hit(key) {
      try {
        await limiter.consume(key)
        return { allowed: true }
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) }
        }
        throw rejection
      }
    },
    async check(key) {
      const used = await limiter.get(key)
      if (!used || used.consumedPoints < options.points) return { allowed: true }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(used.msBeforeNext / 1000)) }
    },
  }
}

/**
 * The library names its prepared statements. The embedded database (PGlite behind one socket)
 * shares one backend between all pooled connections, so a name prepared on one connection clashes
 * on the next. Sending the same SQL unnamed works on both databases.
 */
function unnamedStatements(pool: pg.Pool) {
  return {
    query: (query: { text: string; values?: unknown[] }) => pool.query({ text: query.text, values: query.values }),
  }
}
