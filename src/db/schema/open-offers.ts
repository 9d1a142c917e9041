import { sql } from 'drizzle-orm'
import { index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.js'
import { bookings } from './bookings.js'

export const openOfferCloseReasons = ['filled', 'cut_off', 'no_one_waiting', 'course_closed'] as const

/**
 * The free places of a run offered to every family waiting at once (migration 0011). It holds no
 * place: the first family to accept is confirmed under the course lock, and the capacity check
 * stops anyone else. At most one is live (closed_at null) per run.
 */
export const openOffers = pgTable(
  'open_offers',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason', { enum: openOfferCloseReasons }),
    openedByStaffId: integer('opened_by_staff_id'),
  },
  (t) => [
    uniqueIndex('open_offers_one_live_per_course')
      .on(t.courseId)
      .where(sql`${t.closedAt} is null`),
  ],
)

/** Who was told of an open offer (and is told when it has gone), and who took a place from it. */
export const openOfferFamilies = pgTable(
  'open_offer_families',
  {
    openOfferId: integer('open_offer_id')
      .notNull()
      .references(() => openOffers.id, { onDelete: 'cascade' }),
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    offeredAt: timestamp('offered_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.openOfferId, t.bookingId], name: 'open_offer_families_pk' }),
    index('open_offer_families_booking_idx').on(t.bookingId),
  ],
)
