import { endOfQuietHours, inQuietHours } from './quiet-hours.js'

export interface BackOff {
  /** The first retry waits about this long. */
  baseMs: number
  /** No wait is longer than this. */
  maxMs: number
}

export const DEFAULT_BACK_OFF: BackOff = { baseMs: 30_000, maxMs: 60 * 60_000 }

/**
 * Exponential back-off with jitter: after the nth failed attempt, wait between half and all of
 * base * 2^(n-1), capped. The jitter spreads a crowd of messages that failed together (the mail
 * server was down) so they do not all come back in the same second.
 */
export function retryDelayMs(attempt: number, backOff: BackOff = DEFAULT_BACK_OFF, random: () => number = Math.random): number {
  const exponential = Math.min(backOff.maxMs, backOff.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential / 2 + random() * (exponential / 2))
}

export interface QuietHours {
  /** London hour texts stop (21 by default) */
  start: number
  /** London hour texts may start again (8 by default) */
  end: number
}

/**
 * When a failed message is tried again. A text whose retry would land in the quiet hours waits
 * until they end: no family is texted at night because Twilio was briefly down in the evening. (A
 * reminder that then comes after its session has started is skipped just before sending.)
 */
export function retryAt(
  now: Date,
  attempt: number,
  channel: 'email' | 'sms',
  quietHours: QuietHours | undefined,
  backOff: BackOff = DEFAULT_BACK_OFF,
  random: () => number = Math.random,
): Date {
  const dueAt = new Date(now.getTime() + retryDelayMs(attempt, backOff, random))
  if (channel !== 'sms' || !quietHours || !inQuietHours(dueAt, quietHours)) return dueAt
  return endOfQuietHours(dueAt, quietHours)
}
