import type { Config } from '../../config.js'
import { paths } from '../../paths.js'
import { linkToken } from '../tokens.js'

/**
 * A "find my bookings" link's token (see linkToken). The access_links row stores the token's hash;
 * the outbox row for the email stores the nonce. Neither alone opens the link.
 */
export const accessLinkToken = (secret: string, nonce: string): string => linkToken(secret, 'find-my-bookings', nonce)

/** For the mail worker: the full link for a find_my_bookings notification's payload.nonce. */
export function findMyBookingsUrl(config: Pick<Config, 'baseUrl' | 'sessionSecret'>, nonce: string): string {
  return `${config.baseUrl}${paths.manage.findMyBookingsLink(accessLinkToken(config.sessionSecret, nonce))}`
}
