import type { Request, RequestHandler, Response } from 'express'
import type { RateLimit } from '../../data/booking/rate-limit-store.js'

/**
 * Counts each request against the client's address; over the limit, a 429 page in the service's
 * design with Retry-After. Counters live in PostgreSQL, so every web process shares them.
 */
export function rateLimited(limit: RateLimit, keyOf: (req: Request) => string = clientAddress): RequestHandler {
  return async (req, res, next) => {
    const result = await limit.hit(keyOf(req))
    if (result.allowed) return next()
    tooManyRequests(res, result.retryAfterSeconds)
  }
}

export function tooManyRequests(res: Response, retryAfterSeconds: number): void {
  res.set('Retry-After', String(retryAfterSeconds))
  res.status(429).render('pages/booking/too-many-requests', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) })
}

/** req.ip honours "trust proxy" (set in production), so behind the load balancer it is the client's. */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown'
