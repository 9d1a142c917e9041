import { paths } from '../../paths.js'
import { linkToken, newLinkCredentials } from '../tokens.js'

/**
 * A password-reset link's token (see linkToken). The nonce goes in the notification row's payload
 * ({ resetNonce }) so that the mail worker can rebuild the link; password_resets stores only the
 * token's SHA-256.
 */
export const passwordResetToken = (secret: string, nonce: string): string => linkToken(secret, 'staff-password-reset', nonce)

export const newPasswordResetCredentials = (secret: string) => newLinkCredentials(secret, 'staff-password-reset')

/** For the notification worker: the full link for a 'password_reset' row's payload. */
export function passwordResetLink(baseUrl: string, secret: string, payload: { resetNonce: string }): string {
  return `${baseUrl}${paths.staff.reset(passwordResetToken(secret, payload.resetNonce))}`
}

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 60
