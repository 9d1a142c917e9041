import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { courses, programmes } from './catalogue.js'
import { bookings } from './bookings.js'
import { languages } from '../../i18n/languages.js'

/**
 * The other runs of the programme a waiting family said would suit them (migration 0012). A place
 * freed on one of them is offered to the family by moving their queue entry to that run.
 */
export const bookingSuitableRuns = pgTable(
  'booking_suitable_runs',
  {
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.courseId] }), index('booking_suitable_runs_course_idx').on(t.courseId)],
)

/**
 * "Tell me about new dates" (migration 0013): no account, an email and/or a mobile number, and a
 * one-click unsubscribe link (HMAC of the nonce; only the token's hash is kept).
 */
export const newDatesSubscriptions = pgTable(
  'new_dates_subscriptions',
  {
    id: serial('id').primaryKey(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    email: text('email'),
    phone: text('phone'),
    language: text('language', { enum: languages }).notNull().default('en'),
    unsubscribeNonce: text('unsubscribe_nonce').notNull(),
    unsubscribeTokenHash: text('unsubscribe_token_hash').notNull().unique(),
    consentGivenAt: timestamp('consent_given_at', { withTimezone: true }).notNull(),
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('new_dates_has_contact', sql`${t.email} is not null or ${t.phone} is not null`),
    check('new_dates_language', sql`${t.language} in ('en', 'pl', 'pa', 'ar')`),
    uniqueIndex('new_dates_one_per_email')
      .on(t.programmeId, t.email)
      .where(sql`${t.email} is not null`),
    uniqueIndex('new_dates_one_per_phone')
      .on(t.programmeId, t.phone)
      .where(sql`${t.phone} is not null`),
  ],
)
