import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** 32 random bytes (256 bits), URL-safe. */
export const randomToken = (): string => randomBytes(32).toString('base64url')

/** What is stored to find a token again: SHA-256, hex. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

/** What a link opens. Part of the HMAC input, so a token made for one purpose opens nothing else. */
export type LinkPurpose = 'manage-booking' | 'find-my-bookings' | 'staff-password-reset' | 'calendar-feed' | 'new-dates-unsubscribe'

/**
 * The one builder of emailed links' tokens: HMAC-SHA256 of "<purpose>:<nonce>" under the service
 * secret (never stored). The random nonce is stored (in the row, or the outbox payload) so the mail
 * worker can rebuild the same link; the database keeps only the token's hash. Someone with a copy
 * of the database but not the secret cannot make a link.
 */
export function linkToken(secret: string, purpose: LinkPurpose, nonce: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${nonce}`).digest('base64url')
}

/** A fresh nonce, its token and the token's hash (what is stored to find it again). */
export function newLinkCredentials(secret: string, purpose: LinkPurpose): { nonce: string; token: string; tokenHash: string } {
  const nonce = randomToken()
  const token = linkToken(secret, purpose, nonce)
  return { nonce, token, tokenHash: hashToken(token) }
}

/** A booking's manage-link token; the nonce is stored on the booking. */
export const manageToken = (secret: string, nonce: string): string => linkToken(secret, 'manage-booking', nonce)

export const newManageCredentials = (secret: string) => newLinkCredentials(secret, 'manage-booking')

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
