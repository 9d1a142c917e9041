import { createHmac } from 'node:crypto'
import type { Config } from '../../config.js'
import { paths } from '../../paths.js'

/**
 * A "find my bookings" link's token: HMAC of a random nonce under the service secret, like the
 * manage links. The access_links row stores the token's hash; the outbox row for the email
 * stores the nonce. Neither alone opens the link.
 */
export function accessLinkToken(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`find-my-bookings:${nonce}`).digest('base64url')
}

/** For the mail worker: the full link for a find_my_bookings notification's payload.nonce. */
export function findMyBookingsUrl(config: Pick<Config, 'baseUrl' | 'sessionSecret'>, nonce: string): string {
  return `${config.baseUrl}${paths.manage.findMyBookingsLink(accessLinkToken(config.sessionSecret, nonce))}`
}
