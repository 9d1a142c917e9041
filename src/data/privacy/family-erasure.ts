import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { accessLinks, auditLog, bookings, children, courses, families, inboundMessages, notifications, rateLimits, sessions } from '../../db/schema/index.js'
import { AUDIT_REDACTION, ERASED, ERASED_PARENT_NAME } from '../../domain/data-protection.js'
import { familyContacts, optionalTableExists, type FamilyContacts } from './family-contacts.js'
import { SubscriptionStore } from '../new-dates/subscription-store.js'

/**
 * Anonymises a family in place (retention and erasure requests). Everything that identifies them
 * goes; what the report figures count stays: the bookings (status, course, source, times), the
 * attendance, and the notifications and text replies (channel, kind, state, action, times).
 */
export class FamilyErasure {
  constructor(private readonly db: Executor) {}

  /**
   * Families not yet anonymised whose last activity ended before the cutoff: the latest end of a
   * session on a course they booked (or queued for), the latest booking made, and the record's own
   * creation, whichever is latest. A family with a session still ahead is never due.
   */
  async pastRetention(cutoff: Date, limit: number): Promise<number[]> {
    const lastSessionEnd = sql`(select max(${sessions.endsAt}) from ${sessions}
      join ${courses} on ${courses.id} = ${sessions.courseId}
      join ${bookings} on ${bookings.courseId} = ${courses.id}
      where ${bookings.familyId} = ${families.id})`
    const lastBookingMade = sql`(select max(${bookings.createdAt}) from ${bookings} where ${bookings.familyId} = ${families.id})`
    const rows = await this.db
      .select({ id: families.id })
      .from(families)
      .where(and(isNull(families.anonymisedAt), sql`greatest(${families.createdAt}, ${lastSessionEnd}, ${lastBookingMade}) < ${cutoff}`))
      .orderBy(families.id)
      .limit(limit)
    return rows.map((row) => row.id)
  }

  /**
   * Retention for "tell me about new dates": a subscription neither made nor used since the cutoff
   * goes (with its messages' recipients). Returns how many.
   */
  async idleSubscriptionsGone(cutoff: Date): Promise<number> {
    return this.db.transaction((tx) => new SubscriptionStore().deleteIdleSince(tx, cutoff))
  }

  /** The family row, locked: undefined when there is none. */
  async lock(tx: Tx, familyId: number) {
    const [row] = await tx.select({ id: families.id, anonymisedAt: families.anonymisedAt }).from(families).where(eq(families.id, familyId)).for('update')
    return row
  }

  /** Removes the family's personal data everywhere it is kept. Run inside the caller's transaction, the family row locked. */
  async anonymise(tx: Tx, familyId: number, now: Date): Promise<void> {
    const contacts = await familyContacts(tx, familyId)
    const familyBookings = tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.familyId, familyId))
    await tx
      .update(families)
      .set({
        parentName: ERASED_PARENT_NAME,
        otherCarers: null,
        email: null,
        phone: null,
        postcode: null,
        contactByEmail: false,
        contactBySms: false,
        consentGivenAt: null,
        consentSource: null,
        consentRecordedBy: null,
        interpreterLanguage: null,
        messageLanguage: null,
        needsStepFree: false,
        needsChildcare: false,
        otherSupport: null,
        // referredBy (a category) and priority stay: the referral figures count families by source.
        referralNotes: null,
        notes: null,
        anonymisedAt: now,
        updatedAt: now,
      })
      .where(eq(families.id, familyId))
    await tx.delete(children).where(eq(children.familyId, familyId))
    await tx
      .update(bookings)
      .set({
        contactEmail: null,
        contactPhone: null,
        cancelReason: null,
        overbookReason: sql`case when ${bookings.overbookReason} is null then null else ${ERASED} end`,
        // The manage link stops working: its hash is replaced by one no link can have.
        manageTokenHash: sql`${ERASED} || ':' || ${bookings.id}`,
        manageNonce: ERASED,
        updatedAt: now,
      })
      .where(eq(bookings.familyId, familyId))
    await tx
      .update(notifications)
      .set({
        recipient: ERASED,
        payload: null,
        error: null,
        // Nothing more is sent: there is nobody to send it to.
        state: sql`case when ${notifications.state} = 'scheduled' then 'cancelled' else ${notifications.state} end`,
        updatedAt: now,
      })
      // Their bookings' messages, and messages about no booking (such as "find my bookings") sent to them.
      .where(or(inArray(notifications.bookingId, familyBookings), and(isNull(notifications.bookingId), inContacts(notifications.recipient, contacts))))
    if (contacts.phones.length > 0) {
      await tx
        .update(inboundMessages)
        .set({ fromPhone: ERASED, body: '', details: null })
        .where(inArray(inboundMessages.fromPhone, contacts.phones))
    }
    if (contacts.emails.length > 0) await tx.delete(accessLinks).where(inArray(accessLinks.email, contacts.emails))
    // Booking-limit counters are keyed by '<limit>:<email or phone>' for a day.
    for (const contact of [...contacts.emails, ...contacts.phones]) {
      await tx.delete(rateLimits).where(sql`right(${rateLimits.key}, ${contact.length + 1}) = ${`:${contact}`}`)
    }
    // "Tell me about new dates" by any of their emails or phones (migration 0013).
    if (await optionalTableExists(tx, 'new_dates_subscriptions')) await new SubscriptionStore().deleteByContacts(tx, contacts.emails, contacts.phones)
    // Calendar feed links (migration 0006), where that table exists.
    if (await optionalTableExists(tx, 'calendar_feeds')) await tx.execute(sql`delete from calendar_feeds where family_id = ${familyId}`)
    await this.redactAudit(tx, familyId)
  }

  /**
   * The audit entries about the family keep who did what and when, but their before and after go.
   * The only UPDATE the audit log's trigger allows (migration 0007), and only in this transaction.
   */
  private async redactAudit(tx: Tx, familyId: number): Promise<void> {
    await tx.execute(sql`select set_config('fh.erasing', 'on', true)`)
    await tx
      .update(auditLog)
      .set({ changes: AUDIT_REDACTION })
      .where(and(eq(auditLog.familyId, familyId), sql`${auditLog.changes} is distinct from ${JSON.stringify(AUDIT_REDACTION)}::jsonb`))
    await tx.execute(sql`select set_config('fh.erasing', 'off', true)`)
  }
}

function inContacts(column: typeof notifications.recipient, contacts: FamilyContacts): SQL {
  const all = [...contacts.emails, ...contacts.phones]
  return all.length > 0 ? inArray(column, all) : sql`false`
}
