import { sql } from 'drizzle-orm'
import { check, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { hubs } from './catalogue.js'
import { families } from './families.js'
import { staffUsers } from './staff.js'
import { calendarFeedKinds } from '../../domain/calendar-feeds.js'

/**
 * A private calendar subscription (/calendar/<token>.ics) for a family record, a member of staff
 * (the sessions they run) or a hub. Made in migration 0006, which also holds the check that the
 * owner column matches the kind.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: serial('id').primaryKey(),
    // SHA-256 of HMAC(secret, "calendar-feed:<nonce>"): the token itself is never stored, the nonce
    // is, so the page can show the feed's address again (see services/tokens.ts).
    tokenHash: text('token_hash').notNull().unique(),
    tokenNonce: text('token_nonce').notNull(),
    kind: text('kind', { enum: calendarFeedKinds }).notNull(),
    familyId: integer('family_id').references(() => families.id, { onDelete: 'cascade' }),
    staffUserId: integer('staff_user_id').references(() => staffUsers.id, { onDelete: 'cascade' }),
    hubId: integer('hub_id').references(() => hubs.id, { onDelete: 'cascade' }),
    createdByStaffId: integer('created_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    // The ETag and Last-Modified: the hash of what was last served, and when it first changed.
    contentHash: text('content_hash'),
    contentChangedAt: timestamp('content_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('calendar_feed_kind', sql`${t.kind} in ('family', 'facilitator', 'hub')`),
    uniqueIndex('calendar_feeds_one_active_per_family')
      .on(t.familyId)
      .where(sql`${t.kind} = 'family' and ${t.revokedAt} is null`),
    uniqueIndex('calendar_feeds_one_active_per_staff')
      .on(t.staffUserId)
      .where(sql`${t.kind} = 'facilitator' and ${t.revokedAt} is null`),
    uniqueIndex('calendar_feeds_one_active_per_hub')
      .on(t.hubId)
      .where(sql`${t.kind} = 'hub' and ${t.revokedAt} is null`),
  ],
)
