import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { calendarFeeds } from '../../db/schema/index.js'
import type { CalendarFeedKind } from '../../domain/calendar-feeds.js'

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect

/** Whose feed: the kind and its owner's id (family record, member of staff or hub). */
export type FeedOwner = { kind: 'family'; familyId: number } | { kind: 'facilitator'; staffUserId: number } | { kind: 'hub'; hubId: number }

const ownerColumn = (owner: FeedOwner) =>
  owner.kind === 'family'
    ? eq(calendarFeeds.familyId, owner.familyId)
    : owner.kind === 'facilitator'
      ? eq(calendarFeeds.staffUserId, owner.staffUserId)
      : eq(calendarFeeds.hubId, owner.hubId)

const ownerValues = (owner: FeedOwner) => ({
  kind: owner.kind satisfies CalendarFeedKind,
  familyId: owner.kind === 'family' ? owner.familyId : null,
  staffUserId: owner.kind === 'facilitator' ? owner.staffUserId : null,
  hubId: owner.kind === 'hub' ? owner.hubId : null,
})

/** The calendar_feeds table: at most one active (not revoked) feed per owner. */
export class CalendarFeedRepository {
  async findActiveByTokenHash(db: Executor, tokenHash: string): Promise<CalendarFeedRow | undefined> {
    const [row] = await db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
    return row
  }

  async activeFor(db: Executor, owner: FeedOwner): Promise<CalendarFeedRow | undefined> {
    const [row] = await db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.kind, owner.kind), ownerColumn(owner), isNull(calendarFeeds.revokedAt)))
    return row
  }

  /** Every active hub feed, by hub id (the staff account page lists the hubs a manager may subscribe to). */
  async activeHubFeeds(db: Executor): Promise<CalendarFeedRow[]> {
    return db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.kind, 'hub'), isNull(calendarFeeds.revokedAt)))
  }

  async revokeActive(tx: Tx, owner: FeedOwner, now: Date): Promise<number> {
    const rows = await tx
      .update(calendarFeeds)
      .set({ revokedAt: now })
      .where(and(eq(calendarFeeds.kind, owner.kind), ownerColumn(owner), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id })
    return rows.length
  }

  async insert(
    tx: Tx,
    owner: FeedOwner,
    values: { tokenHash: string; tokenNonce: string; createdByStaffId: number | null; now: Date },
  ): Promise<CalendarFeedRow> {
    const [row] = await tx
      .insert(calendarFeeds)
      .values({
        ...ownerValues(owner),
        tokenHash: values.tokenHash,
        tokenNonce: values.tokenNonce,
        createdByStaffId: values.createdByStaffId,
        createdAt: values.now,
      })
      .returning()
    return row!
  }

  /**
   * Records the hash of the content about to be served. When it differs from the last one, the
   * change time moves on, at least one whole second past the previous one: Last-Modified has
   * whole-second precision, so a second change in the same second would otherwise look unchanged
   * to a client asking If-Modified-Since.
   */
  async recordContent(tx: Tx, feedId: number, contentHash: string, now: Date): Promise<CalendarFeedRow | undefined> {
    await tx
      .update(calendarFeeds)
      .set({
        contentHash,
        contentChangedAt: sql`greatest(${now.toISOString()}::timestamptz, date_trunc('second', coalesce(${calendarFeeds.contentChangedAt}, '-infinity'::timestamptz)) + interval '1 second')`,
      })
      .where(and(eq(calendarFeeds.id, feedId), sql`${calendarFeeds.contentHash} is distinct from ${contentHash}`))
    const [row] = await tx.select().from(calendarFeeds).where(eq(calendarFeeds.id, feedId))
    return row
  }
}
