import { asc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../../db/database.js'
import { bookings, courses, families, hubs, programmes, sessions } from '../../db/schema/index.js'

export type HubRow = typeof hubs.$inferSelect
export type SessionRow = typeof sessions.$inferSelect

/** A session with the hub it meets at: its own when it moved, else its course's. */
export interface SessionAtPlace {
  session: SessionRow
  hub: HubRow | null
}

/** Everything a message or calendar about one booking is made from. */
export interface BookingMessageContext {
  booking: typeof bookings.$inferSelect
  family: typeof families.$inferSelect
  course: typeof courses.$inferSelect
  programme: typeof programmes.$inferSelect
  hub: HubRow | null
  /** Every session of the course, cancelled ones included, in time order. */
  sessions: SessionAtPlace[]
}

export class MessageContextRepository {
  constructor(private readonly db: Executor) {}

  /** The booking's family's email and whether they agreed to email (for a text's email fallback). */
  async familyContact(bookingId: number): Promise<{ email: string | null; contactByEmail: boolean } | undefined> {
    const [row] = await this.db
      .select({ email: families.email, contactByEmail: families.contactByEmail })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .where(eq(bookings.id, bookingId))
    return row
  }

  async forBooking(bookingId: number, db: Executor = this.db): Promise<BookingMessageContext | undefined> {
    const [row] = await db
      .select({ booking: bookings, family: families, course: courses, programme: programmes })
      .from(bookings)
      .innerJoin(families, eq(bookings.familyId, families.id))
      .innerJoin(courses, eq(bookings.courseId, courses.id))
      .innerJoin(programmes, eq(courses.programmeId, programmes.id))
      .where(eq(bookings.id, bookingId))
    if (!row) return undefined
    const sessionRows = await db.select().from(sessions).where(eq(sessions.courseId, row.course.id)).orderBy(asc(sessions.startsAt), asc(sessions.id))
    const hubIds = [...new Set([row.course.hubId, ...sessionRows.map((s) => s.hubId)].filter((id): id is number => id !== null))]
    const hubRows = hubIds.length > 0 ? await db.select().from(hubs).where(inArray(hubs.id, hubIds)) : []
    const hubById = new Map(hubRows.map((hub) => [hub.id, hub]))
    const courseHub = row.course.hubId === null ? null : (hubById.get(row.course.hubId) ?? null)
    return {
      ...row,
      hub: courseHub,
      sessions: sessionRows.map((session) => ({ session, hub: session.hubId === null ? courseHub : (hubById.get(session.hubId) ?? courseHub) })),
    }
  }
}
