import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sessions } from './catalogue.js'
import { bookings } from './bookings.js'
import { channels, notificationStates } from '../../domain/notifications.js'

export * from '../../domain/notifications.js'

/**
 * Every email and text message the service sends, one row each. The row is claimed (state
 * scheduled -> sending) in a transaction before the provider is called, and the provider's id is
 * recorded after, so a job that runs twice, or a worker that dies mid-send, never sends twice.
 *
 * dedupe_key makes "one row per (booking, session, channel, kind)" hold in the database: for a
 * reminder it is `reminder:<kind>:<booking>:<session>:<channel>`; one-off messages use their own key.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    bookingId: integer('booking_id').references(() => bookings.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: channels }).notNull(),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    state: text('state', { enum: notificationStates }).notNull().default('scheduled'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    // What the template needs beyond the booking (for example the calendar SEQUENCE it was made with).
    payload: jsonb('payload'),
    attempts: integer('attempts').notNull().default(0),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    providerStatus: text('provider_status'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_due_idx')
      .on(t.dueAt)
      .where(sql`${t.state} = 'scheduled'`),
    index('notifications_booking_idx').on(t.bookingId),
    uniqueIndex('notifications_provider_id_idx').on(t.providerMessageId),
  ],
)

/** Raw inbound text messages (replies), kept briefly for staff to see what a family asked. */
export const inboundMessages = pgTable('inbound_messages', {
  id: serial('id').primaryKey(),
  providerMessageId: text('provider_message_id').unique(),
  fromPhone: text('from_phone').notNull(),
  body: text('body').notNull(),
  action: text('action').notNull(),
  details: jsonb('details'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
})
