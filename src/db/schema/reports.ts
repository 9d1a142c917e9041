import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { courses } from './catalogue.js'
import { bookings } from './bookings.js'

export const freedPlaceReasons = ['cancelled', 'declined', 'expired'] as const

/**
 * Places freed before a course started and whether the waiting list refilled them (or a new booking
 * took them). Written only by the triggers bookings_freed_places (migrations 0005, 0012, 0016) and
 * bookings_take_freed_place (0016); the reports read it.
 */
export const freedPlaces = pgTable(
  'freed_places',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    bookingId: integer('booking_id').references(() => bookings.id, { onDelete: 'set null' }),
    reason: text('reason', { enum: freedPlaceReasons }).notNull(),
    freedAt: timestamp('freed_at', { withTimezone: true }).notNull(),
    // The course's first session start when the place was freed.
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    familiesWaiting: integer('families_waiting').notNull(),
    refilledAt: timestamp('refilled_at', { withTimezone: true }),
    refilledByBookingId: integer('refilled_by_booking_id').references(() => bookings.id, { onDelete: 'set null' }),
    // Taken by a new booking instead (a family who booked without queueing): no longer empty, not refilled.
    takenAt: timestamp('taken_at', { withTimezone: true }),
  },
  (t) => [
    check('freed_place_reason', sql`${t.reason} in ('cancelled', 'declined', 'expired')`),
    check('freed_place_before_start', sql`${t.freedAt} < ${t.startsAt}`),
    index('freed_places_starts_at_idx').on(t.startsAt),
    index('freed_places_course_idx').on(t.courseId),
    index('freed_places_open_idx')
      .on(t.courseId, t.freedAt)
      .where(sql`${t.refilledAt} is null and ${t.takenAt} is null`),
  ],
)
