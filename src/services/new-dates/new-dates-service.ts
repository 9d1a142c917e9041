import type { Db, Tx } from '../../db/database.js'
import type { SubscriptionStore } from '../../data/new-dates/subscription-store.js'
import type { Language } from '../../i18n/languages.js'
import { paths } from '../../paths.js'
import { hashToken, linkToken, newLinkCredentials } from '../tokens.js'
import type { Effects, UnitOfWork } from '../unit-of-work.js'
import type { QuietHours } from '../notifications/quiet-hours.js'
import { textTime } from '../booking/offer-timing.js'

export interface SubscribeInput {
  programmeId: number
  /** Lower-cased email, E.164 mobile: at least one (the form checks). */
  email: string | null
  phone: string | null
  language: Language
  now?: Date
}

/** Unsubscribe tokens are 32 bytes of HMAC in base64url: anything else is not worth a look-up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

/** The unsubscribe link a "new dates" message carries, rebuilt from the nonce with the service secret. */
export function unsubscribeUrl(settings: { baseUrl: string; sessionSecret: string }, nonce: string): string {
  return `${settings.baseUrl}${paths.newDates.unsubscribe(linkToken(settings.sessionSecret, 'new-dates-unsubscribe', nonce))}`
}

/**
 * "Tell me about new dates": a family asks, with no account, to hear when places come up for a
 * programme. A place freed with no one waiting, and every new run staff add, sends each subscriber
 * one message per run (held by the outbox's dedupe key), each with a one-click unsubscribe link.
 */
export class NewDatesService {
  constructor(
    private readonly db: Db,
    private readonly store: SubscriptionStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly secret: string,
    /** No texts in these London hours: a text due then goes when they end (absent: at any time). */
    private readonly quietHours?: QuietHours,
  ) {}

  /** Asking twice with the same email or phone keeps one subscription, with the latest answers. */
  subscribe(input: SubscribeInput): Promise<'subscribed'> {
    const now = input.now ?? new Date()
    return this.unitOfWork.run(
      async (tx) => {
        const existing = await this.store.findByContact(tx, input.programmeId, input.email, input.phone)
        const answers = { email: input.email, phone: input.phone, language: input.language, consentGivenAt: now }
        if (existing) await this.store.update(tx, existing.id, answers)
        else {
          const credentials = newLinkCredentials(this.secret, 'new-dates-unsubscribe')
          await this.store.insert(tx, {
            ...answers,
            programmeId: input.programmeId,
            unsubscribeNonce: credentials.nonce,
            unsubscribeTokenHash: credentials.tokenHash,
          })
        }
        return 'subscribed' as const
      },
      // Two requests with the same contact at once: the second finds the first's row.
      async (refusal) => (refusal.kind === 'unique' ? 'again' : undefined),
    )
  }

  /** What the unsubscribe page shows: the subscription and its programme's title, or undefined for a link that opens nothing. */
  async findByToken(token: string) {
    if (!TOKEN_SHAPE.test(token)) return undefined
    const row = await this.store.findByTokenHash(this.db, hashToken(token))
    if (!row) return undefined
    const programme = await this.store.programmeOf(this.db, row.programmeId)
    return { ...row, title: programme?.title ?? '', slug: programme?.slug ?? '' }
  }

  /** Unsubscribing twice is harmless: the second finds nothing to remove. */
  async unsubscribe(token: string): Promise<'unsubscribed' | 'not_found'> {
    if (!TOKEN_SHAPE.test(token)) return 'not_found'
    return this.unitOfWork.run(async (tx) => {
      const row = await this.store.findByTokenHash(tx, hashToken(token))
      if (!row) return 'not_found' as const
      await this.store.delete(tx, row.id)
      return 'unsubscribed' as const
    })
  }

  /**
   * In the transaction that left places on the run with no one offered them (or added the run).
   * Emails go now; a text due in the quiet hours goes when they end, and not at all when that is
   * not before the run starts (it could no longer be booked).
   */
  async placesCameUp(tx: Tx, courseId: number, now: Date, effects?: Effects): Promise<void> {
    const written = await this.store.recordRunMessages(tx, courseId, now, (run) =>
      textTime(now, run.firstStartsAt ?? new Date(8.64e15), this.quietHours),
    )
    if (written > 0) effects?.notificationsWritten()
  }
}

/** What the booking rules need of it: tell the subscribers about a run with places. */
export type PlacesCameUp = Pick<NewDatesService, 'placesCameUp'>

/** For a booking service built without subscriptions (tests, tools). */
export const noNewDates: PlacesCameUp = { placesCameUp: async () => {} }
