import { and, asc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Executor, Tx } from '../../db/database.js'
import { bookings, bookingSuitableRuns, courses, families, hubs, sessions } from '../../db/schema/index.js'
import { databaseRefusal } from './database-errors.js'
import { waitingListOrder } from './waiting-list-order.js'

type BookingRow = typeof bookings.$inferSelect

/** A run of a programme, as the "which other runs would suit you" question and its answers show it. */
export interface ProgrammeRun {
  courseId: number
  kind: 'course' | 'drop_in'
  hubId: number | null
  hubName: string | null
  firstStartsAt: Date
  firstEndsAt: Date
  sessionCount: number
  placesFree: number
  bookingOpen: boolean
}

/** Booking `o` (in a sub-query) belongs to the same person as the outer booking: by family record, email or phone. */
const samePersonAs = sql.raw(
  `(o.family_id = "bookings"."family_id" or o.contact_email = "bookings"."contact_email" or o.contact_phone = "bookings"."contact_phone")`,
)

/**
 * THE definition of "waiting for a place on this run", for the `bookings` row of the query it is
 * used in: every offer, open offer, sweep and staff figure reads this one condition. A queue entry
 * still waiting in the run's programme, and either queued on the run itself or queued on another
 * run of the programme saying this run suits (named in booking_suitable_runs, or "any run"). A
 * family queued on another run is left out when it already has something on this run or a place
 * on a run of the programme not yet over (one booking per programme at a time); a family holding
 * an offer anywhere in the programme waits its turn. `courseId` may be a column of the outer query.
 */
export function waitsForRun(courseId: number | SQL): SQL {
  return sql`(${bookings.status} = 'waiting'
    and ${bookings.programmeId} = (select rc.programme_id from courses rc where rc.id = ${courseId})
    and (${bookings.courseId} = ${courseId} or (${bookings.programmeQueue}
      and (${bookings.waitsForAnyRun} or exists (select 1 from booking_suitable_runs r where r.booking_id = ${bookings.id} and r.course_id = ${courseId}))
      and not exists (select 1 from bookings o where o.course_id = ${courseId} and o.status in ('confirmed', 'offered', 'waiting') and ${samePersonAs})
      and not exists (select 1 from bookings o where o.programme_id = ${bookings.programmeId} and o.id <> ${bookings.id} and o.status = 'confirmed' and ${samePersonAs}
        and exists (select 1 from sessions s where s.course_id = o.course_id and s.cancelled_at is null and s.ends_at > now()))))
    and not exists (select 1 from bookings o where o.programme_id = ${bookings.programmeId} and o.status = 'offered' and ${samePersonAs}))`
}

/** The family of the query's booking gets email (the notifier writes an email row): joins families. */
const getsEmail = sql`(${families.contactByEmail} and coalesce(${families.email}, '') <> '')`

/**
 * The programme-wide waiting list (migration 0012): families queued on a run, and families queued
 * on another run of the programme who said this run suits them too.
 */
export class ProgrammeQueueRepository {
  /**
   * The next families in line for a free place on the course, first in line first (priority, then
   * join time: waiting-list-order.ts): the families `waitsForRun` names. The rows are locked and
   * rows locked by others skipped, so two places freed at once on two runs never go to one queue
   * entry. `reachableByEmail`: only families who get email (an offer that can go by email only).
   */
  async waitingFor(tx: Executor, courseId: number, limit?: number, options: { reachableByEmail?: boolean } = {}): Promise<BookingRow[]> {
    const query = tx
      .select({ booking: bookings })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(and(waitsForRun(courseId), options.reachableByEmail ? getsEmail : undefined))
      .orderBy(...waitingListOrder())
    const rows = await (limit === undefined ? query : query.limit(limit)).for('update', { of: bookings, skipLocked: true })
    return rows.map((row) => row.booking)
  }

  /**
   * Offers the place on courseId to a queue entry: the entry moves to that run (if it was queued on
   * another) and holds the place there. Undefined when the entry is no longer waiting, or when the
   * database refuses a second offer or place in the programme for the same person (another
   * transaction got there first): the caller moves on.
   */
  async offerOnRun(tx: Tx, bookingId: number, courseId: number, offer: { offeredAt: Date; offerExpiresAt: Date }): Promise<BookingRow | undefined> {
    try {
      // A savepoint: a refusal undoes this offer only, not the change that freed the place.
      return await tx.transaction(async (savepoint) => {
        const [row] = await savepoint
          .update(bookings)
          .set({ courseId, status: 'offered', offeredAt: offer.offeredAt, offerExpiresAt: offer.offerExpiresAt, updatedAt: sql`now()` })
          .where(and(eq(bookings.id, bookingId), eq(bookings.status, 'waiting')))
          .returning()
        return row
      })
    } catch (error) {
      const refusal = databaseRefusal(error)
      if (refusal?.kind === 'unique' && refusal.constraint?.startsWith('bookings_one_')) return undefined
      throw error
    }
  }

  /** The runs besides its own that a queue entry waits for; `any` when every run of the programme suits. */
  async suitableRuns(db: Executor, booking: Pick<BookingRow, 'id' | 'waitsForAnyRun'>): Promise<number[] | 'any'> {
    if (booking.waitsForAnyRun) return 'any'
    const rows = await db
      .select({ courseId: bookingSuitableRuns.courseId })
      .from(bookingSuitableRuns)
      .where(eq(bookingSuitableRuns.bookingId, booking.id))
      .orderBy(asc(bookingSuitableRuns.courseId))
    return rows.map((row) => row.courseId)
  }

  /** Replaces what a queue entry waits for besides its own run. The caller has checked the runs are the programme's. */
  async setSuitableRuns(tx: Tx, bookingId: number, runs: number[] | 'any'): Promise<void> {
    await tx.delete(bookingSuitableRuns).where(eq(bookingSuitableRuns.bookingId, bookingId))
    const listed = runs === 'any' ? [] : runs
    if (listed.length > 0) await tx.insert(bookingSuitableRuns).values(listed.map((courseId) => ({ bookingId, courseId })))
    await tx
      .update(bookings)
      .set({ programmeQueue: runs === 'any' || listed.length > 0, waitsForAnyRun: runs === 'any', updatedAt: sql`now()` })
      .where(eq(bookings.id, bookingId))
  }

  /**
   * The runs of a course's programme (the course itself left out) that have not started and are not
   * cancelled, soonest first, with the free places each has now.
   */
  async otherRuns(db: Executor, courseId: number, now: Date): Promise<ProgrammeRun[]> {
    const first = db
      .select({
        courseId: sessions.courseId,
        firstStartsAt: sql<Date>`min(${sessions.startsAt})`.as('first_starts_at'),
        firstEndsAt: sql<Date>`(array_agg(${sessions.endsAt} order by ${sessions.startsAt}))[1]`.as('first_ends_at'),
        sessionCount: sql<number>`count(*)::int`.as('session_count'),
      })
      .from(sessions)
      .where(isNull(sessions.cancelledAt))
      .groupBy(sessions.courseId)
      .as('first')
    const rows = await db
      .select({
        courseId: courses.id,
        kind: courses.kind,
        hubId: courses.hubId,
        hubName: hubs.name,
        firstStartsAt: first.firstStartsAt,
        firstEndsAt: first.firstEndsAt,
        sessionCount: first.sessionCount,
        placesFree: sql<number>`greatest(${courses.capacity} - ${courses.placesTaken}, 0)::int`,
        bookingOpen: courses.bookingOpen,
      })
      .from(courses)
      .innerJoin(first, eq(first.courseId, courses.id))
      .leftJoin(hubs, eq(hubs.id, courses.hubId))
      .where(
        and(
          sql`${courses.programmeId} = (select programme_id from courses where id = ${courseId})`,
          ne(courses.id, courseId),
          isNull(courses.cancelledAt),
          gt(first.firstStartsAt, now),
        ),
      )
      .orderBy(asc(first.firstStartsAt), asc(courses.id))
    return rows.map((row) => ({ ...row, firstStartsAt: new Date(row.firstStartsAt), firstEndsAt: new Date(row.firstEndsAt) }))
  }

  /** Which of these course ids are runs of the programme (for checking a form's answer). */
  async runsOfProgramme(db: Executor, programmeId: number, courseIds: number[]): Promise<number[]> {
    if (courseIds.length === 0) return []
    const rows = await db
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.programmeId, programmeId), inArray(courses.id, courseIds)))
    return rows.map((row) => row.id)
  }

  /** The programme-wide queue entry (waiting or offered) this email or phone holds in the course's programme. */
  async activeEntryInProgramme(db: Executor, courseId: number, email: string | null, phone: string | null): Promise<BookingRow | undefined> {
    const matches = [...(email ? [eq(bookings.contactEmail, email)] : []), ...(phone ? [eq(bookings.contactPhone, phone)] : [])]
    if (matches.length === 0) return undefined
    const [row] = await db
      .select()
      .from(bookings)
      .where(
        and(
          sql`${bookings.programmeId} = (select programme_id from courses where id = ${courseId})`,
          eq(bookings.programmeQueue, true),
          inArray(bookings.status, ['waiting', 'offered']),
          or(...matches),
        ),
      )
      .limit(1)
    return row
  }
}
