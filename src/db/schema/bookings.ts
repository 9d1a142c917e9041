import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { courses, programmes, sessions } from './catalogue.js'
import { families } from './families.js'
import { attendanceStatuses, bookingSources, bookingStatuses } from '../../domain/booking.js'
import { languages } from '../../i18n/languages.js'

// The value lists live in src/domain so services and routes can use them without the schema.
export * from '../../domain/booking.js'

export const bookings = pgTable(
  'bookings',
  {
    id: serial('id').primaryKey(),
    // Short reference read out on the phone, e.g. FH-7K3P-Q9 (no 0/O or 1/I).
    reference: text('reference').notNull().unique(),
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    status: text('status', { enum: bookingStatuses }).notNull(),
    source: text('source', { enum: bookingSources }).notNull().default('online'),
    // Copied from the family at booking time: the unique indexes below stop the same person
    // holding two places (or two queue entries) on one course, even under concurrent requests.
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    // The form's one-time key: a double click or a resubmitted confirm page makes one booking.
    requestKey: text('request_key').unique(),
    // The private manage link's token is HMAC(secret, manage_nonce): 128+ random bits per booking,
    // never stored itself, yet re-creatable by the worker for every email. Look-ups use its
    // SHA-256 (see services/tokens.ts).
    manageNonce: text('manage_nonce').notNull(),
    manageTokenHash: text('manage_token_hash').notNull().unique(),
    waitlistJoinedAt: timestamp('waitlist_joined_at', { withTimezone: true }),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    overbooked: boolean('overbooked').notNull().default(false),
    overbookReason: text('overbook_reason'),
    createdByStaffId: integer('created_by_staff_id'),
    // Goes up with every change the family's calendar must hear about (SEQUENCE of the invite).
    calendarSequence: integer('calendar_sequence').notNull().default(0),
    // The language the family booked in: every later email, text, invite and reply to them uses it.
    language: text('language', { enum: languages }).notNull().default('en'),
    // The course's programme, set by a trigger (migration 0012) on insert and whenever course_id
    // changes; the default here only lets inserts leave it out.
    programmeId: integer('programme_id')
      .notNull()
      .default(sql`null`)
      .references(() => programmes.id),
    // A programme-wide queue entry: other runs suit the family too (booking_suitable_runs), or any.
    programmeQueue: boolean('programme_queue').notNull().default(false),
    waitsForAnyRun: boolean('waits_for_any_run').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('booking_language', sql`${t.language} in ('en', 'pl', 'pa', 'ar')`),
    check('booking_offer_has_expiry', sql`${t.status} <> 'offered' or ${t.offerExpiresAt} is not null`),
    check('booking_overbook_has_reason', sql`not ${t.overbooked} or ${t.overbookReason} is not null`),
    uniqueIndex('bookings_one_active_per_email')
      .on(t.courseId, t.contactEmail)
      .where(sql`${t.status} in ('confirmed', 'offered', 'waiting') and ${t.contactEmail} is not null`),
    uniqueIndex('bookings_one_active_per_phone')
      .on(t.courseId, t.contactPhone)
      .where(sql`${t.status} in ('confirmed', 'offered', 'waiting') and ${t.contactPhone} is not null`),
    index('bookings_course_status_idx').on(t.courseId, t.status),
    index('bookings_family_idx').on(t.familyId),
    check('booking_any_run_is_programme_queue', sql`not ${t.waitsForAnyRun} or ${t.programmeQueue}`),
    // One offer at a time per family in a programme; one programme-wide queue entry (waiting or
    // offered) per family in a programme. See migration 0012.
    uniqueIndex('bookings_one_offer_per_programme_family')
      .on(t.programmeId, t.familyId)
      .where(sql`${t.status} = 'offered'`),
    uniqueIndex('bookings_one_offer_per_programme_email')
      .on(t.programmeId, t.contactEmail)
      .where(sql`${t.status} = 'offered' and ${t.contactEmail} is not null`),
    uniqueIndex('bookings_one_offer_per_programme_phone')
      .on(t.programmeId, t.contactPhone)
      .where(sql`${t.status} = 'offered' and ${t.contactPhone} is not null`),
    uniqueIndex('bookings_one_programme_entry_family')
      .on(t.programmeId, t.familyId)
      .where(sql`${t.programmeQueue} and ${t.status} in ('waiting', 'offered')`),
    uniqueIndex('bookings_one_programme_entry_email')
      .on(t.programmeId, t.contactEmail)
      .where(sql`${t.programmeQueue} and ${t.status} in ('waiting', 'offered') and ${t.contactEmail} is not null`),
    uniqueIndex('bookings_one_programme_entry_phone')
      .on(t.programmeId, t.contactPhone)
      .where(sql`${t.programmeQueue} and ${t.status} in ('waiting', 'offered') and ${t.contactPhone} is not null`),
    index('bookings_programme_waiting_idx')
      .on(t.programmeId)
      .where(sql`${t.status} = 'waiting' and ${t.programmeQueue}`),
    index('bookings_offer_expiry_idx')
      .on(t.offerExpiresAt)
      .where(sql`${t.status} = 'offered'`),
  ],
)

/** A "find my bookings" link: lists every booking for one email address, for a short time. */
export const accessLinks = pgTable('access_links', {
  tokenHash: text('token_hash').primaryKey(),
  email: text('email').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Who came to each session, as recorded by the facilitator. */
export const attendance = pgTable(
  'attendance',
  {
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    status: text('status', { enum: attendanceStatuses }).notNull(),
    recordedBy: integer('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.sessionId] }), index('attendance_session_idx').on(t.sessionId)],
)
