import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible'
import type pg from 'pg'

/**
 * Failed staff sign-ins, counted in PostgreSQL so that every web process sees the same counts:
 * - per account (the email typed, known or not, so lock-out reveals nothing about which emails
 *   exist): 5 failures lock that email out for 15 minutes;
 * - per address: 50 failures in an hour lock the address out for an hour (a password-spraying
 *   client tries many emails from one address).
 * The counters live in the rate_limits table (made by the migrations, shared with the booking
 * forms' limits; the key prefixes keep them apart).
 */
const SIGN_IN_LIMITS = {
  account: { points: 5, duration: 15 * 60, blockDuration: 15 * 60 },
  address: { points: 50, duration: 60 * 60, blockDuration: 60 * 60 },
  /** Password-reset emails: a few an hour for one email, more for one address. */
  resetEmail: { points: 3, duration: 60 * 60 },
  resetAddress: { points: 20, duration: 60 * 60 },
} as const

const TABLE = 'rate_limits'

export class SignInAttempts {
  private limiters: Promise<Record<'account' | 'address' | 'resetEmail' | 'resetAddress', RateLimiterPostgres>> | undefined

  constructor(private readonly pool: pg.Pool) {}

  /** Milliseconds until this email or address may try again; 0 when not locked out. */
  async lockedFor(email: string, address: string): Promise<number> {
    const { account, address: byAddress } = await this.ready()
    const [a, b] = await Promise.all([account.get(accountKey(email)), byAddress.get(address)])
    return Math.max(blockedMs(a, SIGN_IN_LIMITS.account.points), blockedMs(b, SIGN_IN_LIMITS.address.points))
  }

  /**
   * Counts a failure; the one that reaches the limit locks for the whole block duration from now.
   * (Left to the counter alone, a lock would end when the counting window that began at the first
   * failure ends: 50 failures spread over 59 minutes would lock an address for one minute.)
   */
  async recordFailure(email: string, address: string): Promise<void> {
    const limiters = await this.ready()
    await Promise.all([
      this.countFailure(limiters.account, accountKey(email), SIGN_IN_LIMITS.account),
      this.countFailure(limiters.address, address, SIGN_IN_LIMITS.address),
    ])
  }

  private async countFailure(limiter: RateLimiterPostgres, key: string, limits: { points: number; blockDuration: number }): Promise<void> {
    // consume() rejects once the limit is passed; being at or over the limit is what lockedFor reads.
    const counted = await limiter.consume(key).catch(ignoreLimit)
    if (counted && counted.consumedPoints === limits.points) await limiter.block(key, limits.blockDuration)
  }

  /** False once this email or address has asked for too many reset emails this hour. */
  async allowResetRequest(email: string, address: string): Promise<boolean> {
    const { resetEmail, resetAddress } = await this.ready()
    const results = await Promise.allSettled([resetEmail.consume(accountKey(email)), resetAddress.consume(address)])
    for (const result of results) if (result.status === 'rejected' && result.reason instanceof Error) throw result.reason
    return results.every((result) => result.status === 'fulfilled')
  }

  /** A correct password (or a password reset) clears the account's failures. */
  async clear(email: string): Promise<void> {
    const { account } = await this.ready()
    await account.delete(accountKey(email))
  }

  private ready() {
    this.limiters ??= (async () => {
      // Unnamed statements only: the embedded database shares one backend between pooled
      // connections, so a named prepared statement made on one connection clashes on the next.
      const storeClient = { query: (q: { text: string; values?: unknown[] }) => this.pool.query({ text: q.text, values: q.values }) }
      const options = { storeClient, storeType: 'pool', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false }
      return {
        account: new RateLimiterPostgres({ ...options, keyPrefix: 'staff-sign-in-account', ...SIGN_IN_LIMITS.account }),
        address: new RateLimiterPostgres({ ...options, keyPrefix: 'staff-sign-in-address', ...SIGN_IN_LIMITS.address }),
        resetEmail: new RateLimiterPostgres({ ...options, keyPrefix: 'staff-reset-email', ...SIGN_IN_LIMITS.resetEmail }),
        resetAddress: new RateLimiterPostgres({ ...options, keyPrefix: 'staff-reset-address', ...SIGN_IN_LIMITS.resetAddress }),
      }
    })()
    return this.limiters
  }
}

const accountKey = (email: string) => email.trim().toLowerCase().slice(0, 200)

function blockedMs(res: RateLimiterRes | null, points: number): number {
  return res && res.consumedPoints >= points ? Math.max(res.msBeforeNext, 1) : 0
}

function ignoreLimit(error: unknown): undefined {
  if (error instanceof Error) throw error
  return undefined
}
