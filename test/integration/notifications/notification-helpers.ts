import { asc, eq, sql } from 'drizzle-orm'
import ICAL from 'ical.js'
import { testDatabase } from '../../support/root-hooks.js'
import type { TestApp } from '../../support/test-app.js'
import { bookings, families, notifications, type BookingStatus } from '../../../src/db/schema/index.js'
import type { BookingMessageKind } from '../../../src/services/notifications/booking-notifier.js'
import { newManageCredentials } from '../../../src/services/tokens.js'

export type NotificationRow = typeof notifications.$inferSelect
type NewFamily = typeof families.$inferInsert

let counter = 0

/** A family written straight to the table (these tests do not go through the booking journey). */
export async function aFamily(overrides: Partial<NewFamily> = {}) {
  const n = ++counter
  const [family] = await testDatabase()
    .db.insert(families)
    .values({
      parentName: `Amira Khan ${n}`,
      email: `amira.${n}.${process.pid}@example.com`,
      phone: `+4477009${String(10000 + n).slice(-5)}`,
      contactByEmail: true,
      contactBySms: false,
      consentGivenAt: new Date(),
      consentSource: 'online',
      ...overrides,
    })
    .returning()
  return family!
}

/** A booking row, with manage credentials made from the app's secret, as the booking service would. */
export async function aBooking(
  t: TestApp,
  courseId: number,
  options: { familyId?: number; status?: BookingStatus; offerExpiresAt?: Date } = {},
) {
  const familyId = options.familyId ?? (await aFamily()).id
  const [family] = await testDatabase().db.select().from(families).where(eq(families.id, familyId))
  const credentials = newManageCredentials(t.config.sessionSecret)
  const n = ++counter
  const [booking] = await testDatabase()
    .db.insert(bookings)
    .values({
      reference: `FH-T${String(n).padStart(3, '0')}-${(process.pid % 90) + 10}`,
      courseId,
      familyId,
      status: options.status ?? 'confirmed',
      contactEmail: family!.email,
      contactPhone: family!.phone,
      manageNonce: credentials.nonce,
      manageTokenHash: credentials.tokenHash,
      offerExpiresAt: options.offerExpiresAt ?? null,
      waitlistJoinedAt: options.status === 'waiting' ? new Date() : null,
      confirmedAt: (options.status ?? 'confirmed') === 'confirmed' ? new Date() : null,
    })
    .returning()
  return { booking: booking!, token: credentials.token }
}

/** Records a booking event in a transaction of its own, as the booking service does, then wakes delivery. */
export async function recordEvent(t: TestApp, kind: BookingMessageKind, bookingId: number): Promise<void> {
  await testDatabase().db.transaction((tx) => t.services.notifier.record(tx, kind, bookingId))
}

/** The rows of one kind for a booking (reminders left out), oldest first. */
export async function rowsFor(bookingId: number, kind?: string): Promise<NotificationRow[]> {
  const rows = await testDatabase()
    .db.select()
    .from(notifications)
    .where(eq(notifications.bookingId, bookingId))
    .orderBy(asc(notifications.id))
  return rows.filter((row) => (kind ? row.kind === kind : !row.kind.startsWith('reminder_')))
}

export async function rowById(id: number): Promise<NotificationRow> {
  const [row] = await testDatabase().db.select().from(notifications).where(eq(notifications.id, id))
  return row!
}

/** As if time had passed: every scheduled row of the booking (reminders aside) is due now. */
export async function makeDue(bookingId: number): Promise<void> {
  await testDatabase()
    .db.update(notifications)
    .set({ dueAt: sql`now() - interval '1 second'` })
    .where(sql`${notifications.bookingId} = ${bookingId} and ${notifications.kind} not like 'reminder\_%'`)
}

export interface InviteEvent {
  uid: string
  sequence: number
  tzid: string | undefined
  start: Date
  end: Date
  status: string | undefined
  location: string
  description: string
  /** mailto: address and CN of the ORGANIZER. */
  organizer: { address: string; name: string | undefined }
}

/**
 * Reads an invite with ical.js, an independent parser. Times are turned into instants with the
 * VTIMEZONE the invite itself carries (the time zone service is emptied first), so a wrong
 * VTIMEZONE gives wrong instants.
 */
export function readInvite(content: string): { method: string | undefined; events: InviteEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(content))
  ICAL.TimezoneService.reset()
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone)
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component)
    const tzid = component.getFirstProperty('dtstart')?.getParameter('tzid')
    return {
      uid: event.uid,
      sequence: event.sequence,
      tzid: typeof tzid === 'string' ? tzid : undefined,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      status: String(component.getFirstPropertyValue('status') ?? '') || undefined,
      location: event.location,
      description: event.description,
      organizer: {
        address: String(component.getFirstPropertyValue('organizer') ?? ''),
        name: (component.getFirstProperty('organizer')?.getParameter('cn') as string | undefined) ?? undefined,
      },
    }
  })
  const method = calendar.getFirstPropertyValue('method')
  return { method: typeof method === 'string' ? method : undefined, events }
}
