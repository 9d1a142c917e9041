import { DateTime } from 'luxon'
import type { Db } from '../src/db/database.js'
import { bookings, courses, families, hubs, notifications, programmes, sessions } from '../src/db/schema/index.js'
import { reminderKey, type ReminderPayload } from '../src/services/reminders/reminder-service.js'
import { newManageCredentials } from '../src/services/tokens.js'
import { LONDON } from '../src/time.js'

export interface SeededReminders {
  emails: string[]
  phones: string[]
  /** Every reminder row written. */
  count: number
}

const chunks = <T>(rows: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size))

/**
 * `families` confirmed bookings on one drop-in a week ahead, each with an email and a text
 * reminder due now (rows as the planner writes them: reminderKey, payload, state scheduled), for
 * the benchmark and the crash tests. Written in bulk: what is measured is sending, not booking.
 * Every family has its own email address and number, so a message can be counted per recipient.
 */
export async function seedDueReminders(db: Db, options: { families: number; secret: string; tag?: string }): Promise<SeededReminders> {
  const tag = options.tag ?? 'bench'
  const startsAt = DateTime.now().setZone(LONDON).plus({ days: 7 }).set({ hour: 14, minute: 0, second: 0, millisecond: 0 }).toJSDate()
  const [hub] = await db
    .insert(hubs)
    .values({
      slug: `${tag}-hub-${Date.now()}`,
      name: 'Foleshill Family Hub',
      addressLines: ['1 Foleshill Road', 'Coventry'],
      postcode: 'CV6 5AA',
      phone: '024 7678 8400',
      openingHours: 'Monday to Friday, 9am to 5pm',
    })
    .returning()
  const [programme] = await db
    .insert(programmes)
    .values({
      slug: `${tag}-programme-${Date.now()}`,
      title: "Understanding your child's behaviour",
      summary: 'For parents',
      description: 'For parents',
      topics: ['child-behaviour'],
    })
    .returning()
  const [course] = await db
    .insert(courses)
    .values({ programmeId: programme!.id, hubId: hub!.id, kind: 'drop_in', capacity: options.families })
    .returning()
  const [session] = await db
    .insert(sessions)
    .values({ courseId: course!.id, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000) })
    .returning()

  const people = Array.from({ length: options.families }, (_, i) => ({
    parentName: `Parent ${i + 1}`,
    email: `parent-${i + 1}@${tag}.example`,
    phone: `+447${String(700000000 + i).padStart(9, '0')}`,
  }))
  const familyIds: number[] = []
  for (const part of chunks(people, 2000)) {
    const rows = await db
      .insert(families)
      .values(
        part.map((p) => ({ ...p, contactByEmail: true, contactBySms: true, consentGivenAt: new Date(), consentSource: 'online' as const })),
      )
      .returning({ id: families.id })
    familyIds.push(...rows.map((row) => row.id))
  }
  const bookingIds: number[] = []
  for (const part of chunks(
    familyIds.map((familyId, i) => ({ familyId, person: people[i]! })),
    2000,
  )) {
    const rows = await db
      .insert(bookings)
      .values(
        part.map(({ familyId, person }) => {
          const credentials = newManageCredentials(options.secret)
          return {
            reference: `${tag.toUpperCase()}-${familyId}-${Date.now().toString(36)}`,
            courseId: course!.id,
            familyId,
            status: 'confirmed' as const,
            contactEmail: person.email,
            contactPhone: person.phone,
            manageNonce: credentials.nonce,
            manageTokenHash: credentials.tokenHash,
            confirmedAt: new Date(),
          }
        }),
      )
      .returning({ id: bookings.id })
    bookingIds.push(...rows.map((row) => row.id))
  }

  const now = new Date()
  const payload = (hoursBefore: number): ReminderPayload => ({
    hoursBefore,
    nominalAt: now.toISOString(),
    sessionStartsAt: startsAt.toISOString(),
    sessionSequence: 0,
    calendarSequence: 0,
  })
  const reminderRows = bookingIds.flatMap((bookingId, i) => [
    { kind: 'reminder_email_48h', channel: 'email' as const, recipient: people[i]!.email, hours: 48, bookingId },
    { kind: 'reminder_sms_3h', channel: 'sms' as const, recipient: people[i]!.phone, hours: 3, bookingId },
  ])
  for (const part of chunks(reminderRows, 2000)) {
    await db.insert(notifications).values(
      part.map((r) => ({
        dedupeKey: reminderKey(r.kind, r.bookingId, session!.id, r.channel, 0),
        bookingId: r.bookingId,
        sessionId: session!.id,
        channel: r.channel,
        kind: r.kind,
        recipient: r.recipient,
        state: 'scheduled' as const,
        dueAt: now,
        payload: payload(r.hours),
      })),
    )
  }
  return { emails: people.map((p) => p.email), phones: people.map((p) => p.phone), count: reminderRows.length }
}
