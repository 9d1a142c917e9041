import type { Request, RequestHandler, Response } from 'express'
import type { RateLimit } from '../data/booking/rate-limit-store.js'

/** The counters a request is charged to; none means the request is not counted at all. */
export type RateLimitKeys = (req: Request) => string[]

/** req.ip honours "trust proxy" (set in production), so behind the load balancer it is the client's. */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown'

const byClientAddress: RateLimitKeys = (req) => [clientAddress(req)]

/**
 * Counts each request against its keys (by default the client's address), in order; over the
 * limit on any of them, a 429 page in the service's design with Retry-After. Counters live in
 * PostgreSQL, so every web process shares them.
 */
export function rateLimited(limit: RateLimit, keysOf: RateLimitKeys = byClientAddress): RequestHandler {
  return async (req, res, next) => {
    for (const key of keysOf(req)) {
      const result = await limit.hit(key)
      if (!result.allowed) return tooManyRequests(res, result.retryAfterSeconds)
    }
    next()
  }
}

function tooManyRequests(res: Response, retryAfterSeconds: number): void {
  res.set('Retry-After', String(retryAfterSeconds))
  res.status(429).render('pages/errors/too-many-requests', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) })
}
