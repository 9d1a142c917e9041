import { createHash } from 'node:crypto'
import type { Request, Response } from 'express'

/** Directories poll; five minutes old is fresh enough for a list of courses and their places. */
const CACHE_SECONDS = 300

/**
 * A 200 answer any cache may keep for five minutes, with a strong ETag made from the body: a
 * directory that sends it back as If-None-Match gets 304 and no body while nothing has changed
 * (Express answers 304 itself when the request is fresh against the ETag set here).
 */
export function sendCacheableJson(req: Request, res: Response, body: unknown): void {
  const text = JSON.stringify(body)
  res.set({
    'Cache-Control': `public, max-age=${CACHE_SECONDS}`,
    ETag: `"${createHash('sha256').update(text).digest('base64url')}"`,
  })
  res.type('application/json').send(text)
}

/** An error answer: never cached, the status repeated in the body with a message for the developer. */
export function sendJsonError(res: Response, status: number, message: string): void {
  res.set('Cache-Control', 'no-store')
  res.status(status).json({ status, message })
}
