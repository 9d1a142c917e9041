import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** 32 random bytes (256 bits), URL-safe. */
export const randomToken = (): string => randomBytes(32).toString('base64url')

/** What is stored to find a token again: SHA-256, hex. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/**
 * A booking's manage-link token: HMAC-SHA256 of the booking's random nonce (stored) under the
 * service secret (not stored). Someone with a copy of the database cannot make a link; the worker
 * can put the same link in every email.
 */
export function manageToken(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`manage-booking:${nonce}`).digest('base64url')
}

export function newManageCredentials(secret: string): { nonce: string; token: string; tokenHash: string } {
  const nonce = randomToken()
  const token = manageToken(secret, nonce)
  return { nonce, token, tokenHash: hashToken(token) }
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
