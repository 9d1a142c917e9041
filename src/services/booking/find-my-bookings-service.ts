import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { BookingRepository } from '../../data/booking-repository.js'
import type { AccessLinkRepository } from '../../data/booking/access-link-repository.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { hashToken, randomToken } from '../tokens.js'
import { accessLinkToken } from './access-link-tokens.js'
import { defaultLanguage, type Language } from '../../i18n/languages.js'
import type { BookingDetails, BookingService } from './booking-service.js'

const ACCESS_LINK_MINUTES = 60

/** Access-link tokens are 32 bytes of HMAC in base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

/**
 * "Find my bookings": a parent gives an email address and is sent a link, valid for an hour, that
 * lists every booking for it. The caller answers the same whether or not the address is known.
 */
export class FindMyBookingsService {
  constructor(
    /** Reads only: writes go through the unit of work. */
    private readonly db: Db,
    private readonly unitOfWork: UnitOfWork,
    private readonly bookings: BookingRepository,
    private readonly accessLinks: AccessLinkRepository,
    private readonly booking: BookingService,
    private readonly config: Config,
  ) {}

  /** Sends the link, in the visitor's language, if the address has bookings; does nothing otherwise. */
  async requestLink(email: string, language: Language = defaultLanguage, now = new Date()): Promise<void> {
    const address = email.trim().toLowerCase()
    const known = (await this.bookings.findByEmail(this.db, address, 1)).length > 0
    if (!known) return
    const nonce = randomToken()
    const tokenHash = hashToken(accessLinkToken(this.config.sessionSecret, nonce))
    const expiresAt = new Date(now.getTime() + ACCESS_LINK_MINUTES * 60 * 1000)
    await this.unitOfWork.run(async (tx, effects) => {
      await this.accessLinks.insert(tx, { tokenHash, email: address, expiresAt })
      await this.accessLinks.recordLinkEmail(tx, { email: address, tokenHash, nonce, expiresAt, language })
      effects.notificationsWritten()
    })
  }

  /** The bookings a link lists, or undefined for a wrong or expired link. */
  async bookingsFor(token: string, now = new Date()): Promise<{ email: string; expiresAt: Date; bookings: BookingDetails[] } | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined
    const link = await this.accessLinks.findUnexpired(this.db, hashToken(token), now)
    if (!link) return undefined
    const rows = await this.bookings.findByEmail(this.db, link.email)
    const details = await Promise.all(rows.map((row) => this.booking.details(row.id)))
    return { email: link.email, expiresAt: link.expiresAt, bookings: details.filter((d): d is BookingDetails => d !== undefined) }
  }
}
