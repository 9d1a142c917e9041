import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { Executor, Tx } from '../db/database.js'
import type { Audience } from '../domain/catalogue.js'
import { activeStatuses, bookings, courses, families, hubs, programmes, sessions } from '../db/schema/index.js'
import { waitingListPosition } from './booking/waiting-list-order.js'
import { ProgrammeQueueRepository, waitsForRun } from './booking/programme-queue-repository.js'
import { sessionSpan } from './course-lock.js'

export type BookingRow = typeof bookings.$inferSelect
export type NewBookingRow = typeof bookings.$inferInsert
export type BookingPatch = Partial<Omit<NewBookingRow, 'id' | 'courseId' | 'familyId' | 'reference'>>
type CourseRow = typeof courses.$inferSelect
type HubRow = typeof hubs.$inferSelect
export type SessionRow = typeof sessions.$inferSelect


/** Everything a page or a message shows about a course. */
export interface CourseSummary {
  course: CourseRow
  programme: {
    id: number
    slug: string
    title: string
    bookingMode: 'open' | 'referral'
    /** Who it is for: the booking journey notes a child outside the age range. */
    audience: Audience
    childAgeFromMonths: number | null
    childAgeToMonths: number | null
  }
  hub: HubRow | null
  sessions: SessionRow[]
}

/**
 * SQL for bookings. Methods that change a booking take a transaction; the booking service decides
 * when and in what order rows are locked (always the course row first, then the booking).
 */
export class BookingRepository {
  readonly programmeQueue = new ProgrammeQueueRepository()

  /** When the course's sessions (those not cancelled) begin and end. */
  sessionSpan(db: Executor, courseId: number): Promise<{ firstStartsAt: Date | null; lastEndsAt: Date | null }> {
    return sessionSpan(db, courseId)
  }

  async setOverbookedPlaces(tx: Tx, courseId: number, overbookedPlaces: number): Promise<void> {
    await tx.update(courses).set({ overbookedPlaces }).where(eq(courses.id, courseId))
  }

  /** Places taken, re-read after the trigger has counted this transaction's changes. */
  async placesTaken(tx: Tx, courseId: number): Promise<number> {
    const [row] = await tx.select({ placesTaken: courses.placesTaken }).from(courses).where(eq(courses.id, courseId))
    return row?.placesTaken ?? 0
  }

  /**
   * A queue entry given no waitlistJoinedAt takes the time from the database's clock, under the
   * course lock the caller holds, so the queue's order is the order in which joins committed,
   * whichever web process (and clock) handled them.
   */
  async insert(tx: Tx, values: NewBookingRow): Promise<BookingRow> {
    const joinedAt = values.status === 'waiting' ? (values.waitlistJoinedAt ?? sql`clock_timestamp()`) : values.waitlistJoinedAt
    const [row] = await tx
      .insert(bookings)
      .values({ ...values, waitlistJoinedAt: joinedAt })
      .returning()
    return row!
  }

  /** The language of the family's latest booking, if they have one. */
  async latestLanguage(db: Executor, familyId: number): Promise<BookingRow['language'] | undefined> {
    const [row] = await db
      .select({ language: bookings.language })
      .from(bookings)
      .where(eq(bookings.familyId, familyId))
      .orderBy(desc(bookings.createdAt), desc(bookings.id))
      .limit(1)
    return row?.language
  }

  /**
   * Moves a queue entry to another run of its programme (a family waiting for the programme takes an
   * open offer there). Only a waiting entry moves: it holds no place, so no run's count changes.
   */
  async moveQueueEntry(tx: Tx, bookingId: number, courseId: number): Promise<void> {
    await tx
      .update(bookings)
      .set({ courseId, updatedAt: sql`now()` })
      .where(and(eq(bookings.id, bookingId), eq(bookings.status, 'waiting')))
  }

  async update(tx: Tx, bookingId: number, patch: BookingPatch): Promise<BookingRow> {
    const [row] = await tx
      .update(bookings)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(bookings.id, bookingId))
      .returning()
    return row!
  }

  async findById(db: Executor, bookingId: number): Promise<BookingRow | undefined> {
    const [row] = await db.select().from(bookings).where(eq(bookings.id, bookingId))
    return row
  }

  async lockById(tx: Tx, bookingId: number): Promise<BookingRow | undefined> {
    const [row] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update')
    return row
  }

  async findByRequestKey(db: Executor, requestKey: string): Promise<BookingRow | undefined> {
    const [row] = await db.select().from(bookings).where(eq(bookings.requestKey, requestKey))
    return row
  }

  async findByReference(db: Executor, reference: string): Promise<BookingRow | undefined> {
    const [row] = await db.select().from(bookings).where(eq(bookings.reference, reference))
    return row
  }

  async findByManageTokenHash(db: Executor, tokenHash: string): Promise<BookingRow | undefined> {
    const [row] = await db.select().from(bookings).where(eq(bookings.manageTokenHash, tokenHash))
    return row
  }

  /** The booking or queue entry this email or phone number already holds on the course, if any. */
  async findActiveByContact(db: Executor, courseId: number, email: string | null, phone: string | null): Promise<BookingRow | undefined> {
    const matches: SQL[] = []
    if (email) matches.push(eq(bookings.contactEmail, email))
    if (phone) matches.push(eq(bookings.contactPhone, phone))
    if (matches.length === 0) return undefined
    const [row] = await db
      .select()
      .from(bookings)
      .where(and(eq(bookings.courseId, courseId), inArray(bookings.status, [...activeStatuses]), or(...matches)))
      .orderBy(asc(bookings.id))
      .limit(1)
    return row
  }

  /**
   * The waiting list for a free place on the course, in the order places are offered
   * (see waiting-list-order.ts): its own queue and the families queued on another run of the
   * programme who said it suits them (programme-queue-repository.ts, waitsForRun). The rows are
   * locked. `reachableByEmail`: only the families who get email (an offer made at night that can
   * go by email only leaves out a family who only gets texts; they keep their place in the queue).
   */
  async waitingList(db: Executor, courseId: number, limit?: number, options: { reachableByEmail?: boolean } = {}): Promise<BookingRow[]> {
    return this.programmeQueue.waitingFor(db, courseId, limit, options)
  }

  /** Whether anyone at all is waiting for a place on the run (the same families as waitingList, unlocked). */
  async anyoneWaitingFor(db: Executor, courseId: number): Promise<boolean> {
    const [row] = await db.select({ one: sql`1` }).from(bookings).where(waitsForRun(courseId)).limit(1)
    return row !== undefined
  }

  /**
   * Offers the place on courseId to a queue entry (moving it to that run if it queued on another).
   * Undefined when the entry is taken meanwhile or the database refuses a second offer in the programme.
   */
  async offer(tx: Tx, bookingId: number, courseId: number, offer: { offeredAt: Date; offerExpiresAt: Date }): Promise<BookingRow | undefined> {
    return this.programmeQueue.offerOnRun(tx, bookingId, courseId, offer)
  }

  /** 1 for the first in line. Undefined when the booking is not waiting. */
  async waitingListPosition(db: Executor, booking: BookingRow): Promise<number | undefined> {
    return waitingListPosition(db, booking)
  }

  /** Offers still open whose time is up (for the sweep that backs up the per-offer job). */
  async overdueOffers(db: Executor, now: Date, limit = 100): Promise<BookingRow[]> {
    return db
      .select()
      .from(bookings)
      .where(and(eq(bookings.status, 'offered'), sql`${bookings.offerExpiresAt} <= ${now}`))
      .orderBy(asc(bookings.offerExpiresAt))
      .limit(limit)
  }

  async courseSummary(db: Executor, courseId: number): Promise<CourseSummary | undefined> {
    const [row] = await db
      .select({
        course: courses,
        programme: {
          id: programmes.id,
          slug: programmes.slug,
          title: programmes.title,
          bookingMode: programmes.bookingMode,
          audience: programmes.audience,
          childAgeFromMonths: programmes.childAgeFromMonths,
          childAgeToMonths: programmes.childAgeToMonths,
        },
        hub: hubs,
      })
      .from(courses)
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .leftJoin(hubs, eq(courses.hubId, hubs.id))
      .where(eq(courses.id, courseId))
    if (!row) return undefined
    const courseSessions = await db.select().from(sessions).where(eq(sessions.courseId, courseId)).orderBy(asc(sessions.startsAt))
    return { ...row, sessions: courseSessions }
  }

  /**
   * Every booking for this email address, newest first: made with it, or held by a family whose
   * record has it now (staff may have corrected the address since).
   */
  async findByEmail(db: Executor, email: string, limit = 100): Promise<BookingRow[]> {
    const rows = await db
      .select({ booking: bookings })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(or(eq(bookings.contactEmail, email), eq(families.email, email)))
      .orderBy(desc(bookings.createdAt), desc(bookings.id))
      .limit(limit)
    return rows.map((row) => row.booking)
  }
}
