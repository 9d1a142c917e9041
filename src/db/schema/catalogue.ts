import { sql } from 'drizzle-orm'
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { audiences, bookingModes, courseKinds, deliveryModes } from '../../domain/catalogue.js'

export * from '../../domain/catalogue.js'

/** A family hub: the venue where courses and drop-ins run. */
export const hubs = pgTable('hubs', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  addressLines: text('address_lines').array().notNull(),
  postcode: text('postcode').notNull(),
  phone: text('phone').notNull(),
  email: text('email'),
  openingHours: text('opening_hours').notNull(),
  stepFree: boolean('step_free').notNull().default(false),
  parking: boolean('parking').notNull().default(false),
  babyChange: boolean('baby_change').notNull().default(false),
  accessibilityNotes: text('accessibility_notes'),
  gettingThere: text('getting_there'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** What is offered, for example "Understanding your child's behaviour". */
export const programmes = pgTable(
  'programmes',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    description: text('description').notNull(),
    topics: text('topics').array().notNull(),
    audience: text('audience', { enum: audiences }).notNull().default('parents'),
    // Ages of the children the programme is for, in months so that babies can be described
    // ("0 to 12 months"). Null means no lower or upper bound.
    childAgeFromMonths: integer('child_age_from_months'),
    childAgeToMonths: integer('child_age_to_months'),
    language: text('language').notNull().default('English'),
    delivery: text('delivery', { enum: deliveryModes }).notNull().default('in_person'),
    bookingMode: text('booking_mode', { enum: bookingModes }).notNull().default('open'),
    // Reminder offsets for this programme, overriding the service defaults (see services/reminders).
    reminderSettings: jsonb('reminder_settings'),
    // Waiting-list rules for this programme; null means the service's setting (migration 0010).
    offerHours: doublePrecision('offer_hours'),
    offerRounds: integer('offer_rounds'),
    openOfferMinutesBeforeStart: integer('open_offer_minutes_before_start'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'programme_ages_ordered',
      sql`${t.childAgeFromMonths} is null or ${t.childAgeToMonths} is null or ${t.childAgeFromMonths} <= ${t.childAgeToMonths}`,
    ),
  ],
)

/**
 * The thing a family books. A course is a run of a programme: several sessions booked as a whole,
 * one place covers every session. A drop-in is stored as a one-session course, so capacity, the
 * waiting list and bookings work the same way for both.
 *
 * places_taken is kept by a trigger on bookings (see the migration "booking_capacity_trigger") and
 * the check below makes over-booking impossible whatever the application does: a staff over-booking
 * raises overbooked_places first, with a recorded reason on the booking.
 */
export const courses = pgTable(
  'courses',
  {
    id: serial('id').primaryKey(),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id),
    kind: text('kind', { enum: courseKinds }).notNull(),
    hubId: integer('hub_id').references(() => hubs.id),
    onlineUrl: text('online_url'),
    capacity: integer('capacity').notNull(),
    placesTaken: integer('places_taken').notNull().default(0),
    overbookedPlaces: integer('overbooked_places').notNull().default(0),
    bookingOpen: boolean('booking_open').notNull().default(true),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('course_capacity_positive', sql`${t.capacity} >= 0`),
    check('course_places_taken_non_negative', sql`${t.placesTaken} >= 0`),
    check('course_not_overbooked', sql`${t.placesTaken} <= ${t.capacity} + ${t.overbookedPlaces}`),
    index('courses_programme_idx').on(t.programmeId),
    index('courses_hub_idx').on(t.hubId),
  ],
)

/** One meeting of a course, or the single meeting of a drop-in. Times are UTC instants. */
export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    // A session normally meets at its course's hub; set when one session moves elsewhere.
    hubId: integer('hub_id').references(() => hubs.id),
    room: text('room'),
    onlineUrl: text('online_url'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    // Goes up with every change of time or place: the calendar invite's SEQUENCE.
    sequence: integer('sequence').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('session_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    index('sessions_course_idx').on(t.courseId),
    index('sessions_starts_at_idx').on(t.startsAt),
  ],
)
