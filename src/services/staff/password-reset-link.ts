import { createHmac } from 'node:crypto'
import { paths } from '../../paths.js'
import { hashToken, randomToken } from '../tokens.js'

/**
 * A password-reset link, made the way manage links are (services/tokens.ts): the token is
 * HMAC(service secret, random nonce). The nonce goes in the notification row's payload
 * ({ resetNonce }) so that the mail worker can rebuild the link; password_resets stores only the
 * token's SHA-256. Someone with a copy of the database but not the secret cannot make the link.
 */
export function passwordResetToken(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`staff-password-reset:${nonce}`).digest('base64url')
}

export function newPasswordResetCredentials(secret: string) {
  const nonce = randomToken()
  const token = passwordResetToken(secret, nonce)
  return { nonce, token, tokenHash: hashToken(token) }
}

/** For the notification worker: the full link for a 'password_reset' row's payload. */
export function passwordResetLink(baseUrl: string, secret: string, payload: { resetNonce: string }): string {
  return `${baseUrl}${paths.staff.reset(passwordResetToken(secret, payload.resetNonce))}`
}

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 60
