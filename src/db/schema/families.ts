import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { consentSources } from '../../domain/families.js'
import { languages } from '../../i18n/languages.js'

export * from '../../domain/families.js'

/**
 * A parent or carer and their household, as far as booking needs it. Online bookings make a new
 * record; reception can find and edit records. Personal data is kept to what the hub needs to run
 * the session and reach the family.
 */
export const families = pgTable(
  'families',
  {
    id: serial('id').primaryKey(),
    parentName: text('parent_name').notNull(),
    otherCarers: text('other_carers'),
    // Lower-cased email and E.164 phone number, so that look-ups and duplicate checks are exact.
    email: text('email'),
    phone: text('phone'),
    postcode: text('postcode'),
    contactByEmail: boolean('contact_by_email').notNull().default(false),
    contactBySms: boolean('contact_by_sms').notNull().default(false),
    consentGivenAt: timestamp('consent_given_at', { withTimezone: true }),
    consentSource: text('consent_source', { enum: consentSources }),
    consentRecordedBy: integer('consent_recorded_by'),
    interpreterLanguage: text('interpreter_language'),
    // For staff bookings: the language of the family's emails and texts, chosen by reception.
    messageLanguage: text('message_language', { enum: languages }),
    needsStepFree: boolean('needs_step_free').notNull().default(false),
    needsChildcare: boolean('needs_childcare').notNull().default(false),
    otherSupport: text('other_support'),
    // Staff-only: referral and priority for waiting lists (targeted support).
    priority: boolean('priority').notNull().default(false),
    referredBy: text('referred_by'),
    referralNotes: text('referral_notes'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Set when retention or an erasure request removed the personal data (migration 0007): the row
    // stays, so the family's bookings still count in the figures, with nothing that identifies them.
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (t) => [
    check('family_has_contact', sql`${t.email} is not null or ${t.phone} is not null or ${t.anonymisedAt} is not null`),
    check('family_message_language', sql`${t.messageLanguage} is null or ${t.messageLanguage} in ('en', 'pl', 'pa', 'ar')`),
    index('families_email_idx').on(t.email),
    index('families_phone_idx').on(t.phone),
  ],
)

/** A child in the family, or an expected baby (due date set, no date of birth). */
export const children = pgTable(
  'children',
  {
    id: serial('id').primaryKey(),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    ageYears: integer('age_years'),
    dueDate: date('due_date', { mode: 'string' }),
  },
  (t) => [index('children_family_idx').on(t.familyId)],
)

/** Numbers that replied STOP: never texted again, whichever family record they appear on. */
export const smsOptOuts = pgTable('sms_opt_outs', {
  phone: text('phone').primaryKey(),
  optedOutAt: timestamp('opted_out_at', { withTimezone: true }).notNull().defaultNow(),
})
