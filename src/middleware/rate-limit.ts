import type { Request, RequestHandler, Response } from 'express'
import type { RateLimit } from '../data/booking/rate-limit-store.js'

/** The counters a request is charged to; none means the request is not counted at all. */
export type RateLimitKeys = (req: Request) => string[]

/** req.ip honours "trust proxy" (set in production), so behind the load balancer it is the client's. */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown'

const byClientAddress: RateLimitKeys = (req) => [clientAddress(req)]

/** How a refused request is answered (Retry-After is already set): the 429 page, or JSON for an API. */
type Refusal = (res: Response, retryAfterSeconds: number) => void

/**
 * Counts each request against its keys (by default the client's address), in order; over the
 * limit on any of them, Retry-After and a 429 page in the service's design (or `refuse`'s answer).
 * Counters live in PostgreSQL, so every web process shares them. On the booking form this is only a
 * flood guard: the real limit is on finished bookings (refuseOverBookingLimits below).
 */
export function rateLimited(
  limit: RateLimit,
  keysOf: RateLimitKeys = byClientAddress,
  refuse: Refusal = tooManyRequestsPage,
): RequestHandler {
  return async (req, res, next) => {
    for (const key of keysOf(req)) {
      const result = await limit.hit(key)
      if (!result.allowed) {
        res.set('Retry-After', String(result.retryAfterSeconds))
        return refuse(res, result.retryAfterSeconds)
      }
    }
    next()
  }
}

/** The counters of finished bookings: per client address, and per email address or phone number. */
export interface CompletedBookingLimits {
  bookingsPerAddress: RateLimit
  bookingsPerContact: RateLimit
}

/** The keys a booking is counted against: the client's address, and each way the family is reached. */
function completedBookingKeys(req: Request, contacts: { email: string | null; phone: string | null }) {
  const contactKeys = [contacts.email?.trim().toLowerCase(), contacts.phone?.replace(/\s+/g, '')].filter((key): key is string => !!key)
  return { address: clientAddress(req), contacts: contactKeys }
}

/**
 * Before a booking or waiting-list join is made: whether this address or this email or phone has
 * made as many as allowed. Only finished bookings count (see countCompletedBooking), so many
 * families can book one after another from a hub's shared Wi-Fi, while a script that books over
 * and over is stopped. Answers the 429 page itself and returns true when refused.
 */
export async function refuseOverBookingLimits(
  limits: CompletedBookingLimits,
  req: Request,
  res: Response,
  contacts: { email: string | null; phone: string | null },
): Promise<boolean> {
  const keys = completedBookingKeys(req, contacts)
  const answers = [
    await limits.bookingsPerAddress.check(keys.address),
    ...(await Promise.all(keys.contacts.map((key) => limits.bookingsPerContact.check(key)))),
  ]
  const refused = answers.find((answer) => !answer.allowed)
  if (!refused || refused.allowed) return false
  res.set('Retry-After', String(refused.retryAfterSeconds))
  tooManyRequestsPage(res, refused.retryAfterSeconds)
  return true
}

/** Once a booking or waiting-list join is made: counts it against the address and the contacts. */
export async function countCompletedBooking(
  limits: CompletedBookingLimits,
  req: Request,
  contacts: { email: string | null; phone: string | null },
): Promise<void> {
  const keys = completedBookingKeys(req, contacts)
  await limits.bookingsPerAddress.hit(keys.address)
  for (const key of keys.contacts) await limits.bookingsPerContact.hit(key)
}

function tooManyRequestsPage(res: Response, retryAfterSeconds: number): void {
  res.status(429).render('pages/errors/too-many-requests', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) })
}
