import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import type { Config } from '../../config.js'
import type { Db } from '../../db/database.js'
import type { CalendarFeedRepository, CalendarFeedRow, FeedOwner } from '../../data/calendar-feeds/feed-repository.js'
import type { FeedSessionRepository } from '../../data/calendar-feeds/feed-sessions.js'
import { paths } from '../../paths.js'
import { hashToken, linkToken, newLinkCredentials } from '../tokens.js'
import type { UnitOfWork } from '../unit-of-work.js'
import { can, type StaffPrincipal } from '../staff/policy.js'
import { DRAFT_STAMP_LINE, type FeedCalendars } from './feed-calendars.js'

/** The addresses of one feed: https for the browser, webcal for "subscribe", Google's "add by URL". */
export interface FeedLinks {
  https: string
  webcal: string
  google: string
}

/** A feed as served: its text, a strong ETag (hash of the content) and when the content last changed. */
export interface FeedDocument {
  body: string
  etag: string
  lastModified: Date
}

/** "create" keeps a feed that already exists; "replace" revokes it and makes another; "revoke" only turns it off. */
export type FeedAction = 'create' | 'replace' | 'revoke'

/** Feed tokens are 32 bytes of HMAC in base64url (services/tokens.ts). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

const icsStamp = (at: Date) => `DTSTAMP:${DateTime.fromJSDate(at, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'")}`

/**
 * Private calendar subscription feeds. The token is made like a manage link's (HMAC of a stored
 * nonce under the service secret, only its SHA-256 searchable), so the page can show the address
 * again while the database alone cannot open it. Replacing a feed revokes the old token at once.
 */
export class CalendarFeedService {
  constructor(
    private readonly db: Db,
    private readonly unitOfWork: UnitOfWork,
    private readonly feeds: CalendarFeedRepository,
    private readonly sessions: FeedSessionRepository,
    private readonly calendars: FeedCalendars,
    private readonly config: Config,
  ) {}

  /** The owner's active feed's addresses, if they have one. */
  async linksFor(owner: FeedOwner): Promise<FeedLinks | undefined> {
    const feed = await this.feeds.activeFor(this.db, owner)
    return feed && this.links(feed)
  }

  /** Makes, replaces or turns off the owner's feed. Two clicks at once still leave one active feed. */
  async change(owner: FeedOwner, action: FeedAction, createdByStaffId: number | null = null, now = new Date()): Promise<void> {
    await this.unitOfWork.run(
      async (tx) => {
        if (action === 'create') {
          if (await this.feeds.activeFor(tx, owner)) return
          // No revoke here: a feed another click made since the look above must be kept, not replaced.
          // If one appeared, the insert below meets the unique index and the look runs again.
        } else {
          await this.feeds.revokeActive(tx, owner, now)
        }
        if (action === 'revoke') return
        const credentials = newLinkCredentials(this.config.sessionSecret, 'calendar-feed')
        await this.feeds.insert(tx, owner, { tokenHash: credentials.tokenHash, tokenNonce: credentials.nonce, createdByStaffId, now })
      },
      // Another request made the owner's feed first: look again (a "create" then keeps that one).
      async (refusal) => (refusal.kind === 'unique' && refusal.constraint?.startsWith('calendar_feeds_one_active') ? 'again' : undefined),
    )
  }

  /**
   * The feeds a member of staff may have: their own sessions (anyone can be asked to run one) and,
   * for hub managers and admins, each hub they may subscribe to.
   */
  async staffFeeds(
    user: StaffPrincipal,
  ): Promise<{ mine: FeedLinks | undefined; hubs: { id: number; name: string; links: FeedLinks | undefined }[] }> {
    const mine = await this.linksFor({ kind: 'facilitator', staffUserId: user.id })
    const hubIds = user.role === 'admin' ? 'all' : user.hubIds
    const hubs = (await this.sessions.hubs(this.db, hubIds)).filter((hub) => can(user, 'calendarFeeds.hub', { hubId: hub.id }))
    const active = new Map((await this.feeds.activeHubFeeds(this.db)).map((feed) => [feed.hubId, feed]))
    return { mine, hubs: hubs.map((hub) => ({ ...hub, links: active.has(hub.id) ? this.links(active.get(hub.id)!) : undefined })) }
  }

  async hubExists(hubId: number): Promise<boolean> {
    return (await this.sessions.hubs(this.db, [hubId])).length > 0
  }

  /**
   * The feed a token opens, or undefined for a wrong or revoked one (the caller answers 404 and
   * says nothing more). The content's hash is the ETag; when it differs from the last one served,
   * its change time (Last-Modified) moves on.
   */
  async document(token: string, now = new Date()): Promise<FeedDocument | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined
    const feed = await this.feeds.findActiveByTokenHash(this.db, hashToken(token))
    if (!feed) return undefined
    const draft = await this.draft(feed, now)
    const contentHash = createHash('sha256').update(draft, 'utf8').digest('base64url')
    const recorded =
      feed.contentHash === contentHash && feed.contentChangedAt
        ? feed
        : await this.unitOfWork.run((tx) => this.feeds.recordContent(tx, feed.id, contentHash, now))
    const lastModified = recorded?.contentChangedAt ?? now
    return { body: draft.replaceAll(DRAFT_STAMP_LINE, icsStamp(lastModified)), etag: `"${contentHash}"`, lastModified }
  }

  private async draft(feed: CalendarFeedRow, now: Date): Promise<string> {
    if (feed.kind === 'family' && feed.familyId !== null) return this.calendars.family(feed.familyId, now)
    if (feed.kind === 'facilitator' && feed.staffUserId !== null)
      return this.calendars.staff({ staffUserId: feed.staffUserId }, `${this.config.serviceName}: my sessions`, now)
    if (feed.kind === 'hub' && feed.hubId !== null) {
      const [hub] = await this.sessions.hubs(this.db, [feed.hubId])
      return this.calendars.staff({ hubId: feed.hubId }, `${this.config.serviceName}: ${hub?.name ?? 'hub'} sessions`, now)
    }
    throw new Error(`calendar feed ${feed.id} has no owner for its kind`)
  }

  private links(feed: CalendarFeedRow): FeedLinks {
    const token = linkToken(this.config.sessionSecret, 'calendar-feed', feed.tokenNonce)
    const https = `${this.config.baseUrl}${paths.calendarFeed.show(token)}`
    const webcal = https.replace(/^https?:/, 'webcal:')
    return { https, webcal, google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}` }
  }
}
