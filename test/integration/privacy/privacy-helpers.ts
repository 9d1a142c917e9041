import { sql } from 'drizzle-orm'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse } from '../../support/builders.js'
import {
  accessLinks,
  attendance,
  auditLog,
  bookings,
  children,
  families,
  inboundMessages,
  notifications,
  smsOptOuts,
} from '../../../src/db/schema/index.js'

let n = 0

/** What identifies a family: erasure must leave none of it anywhere. Distinctive, so a scan finds only them. */
export interface Identity {
  parentName: string
  otherCarer: string
  email: string
  phone: string
  postcode: string
  childName: string
}

/**
 * A family with everything the service can hold about them: children, a booking that was attended
 * and one cancelled with a reason, sent messages, a text reply, a STOP, a "find my bookings" link
 * and staff edits in the audit log that carry their details. Their only session is on the London
 * date of `lastSession` (10:00 to 12:00), and all their rows are dated then.
 */
export async function aFamilyWithHistory(lastSession: Date) {
  n += 1
  const tag = `${process.pid % 1000}x${n}`
  const identity: Identity = {
    parentName: `Zebedee Quillfeather${tag}`,
    otherCarer: `Ottoline Quillfeather${tag}`,
    email: `zq${tag}@example.com`,
    phone: `+4477009${String(n).padStart(5, '0')}`,
    postcode: `ZZ${n % 10} 9QQ`,
    childName: `Xanthippe${tag}`,
  }
  const at = lastSession
  const db = testDatabase().db
  const [family] = await db
    .insert(families)
    .values({
      parentName: identity.parentName,
      otherCarers: identity.otherCarer,
      email: identity.email,
      phone: identity.phone,
      postcode: identity.postcode,
      contactByEmail: true,
      contactBySms: true,
      consentGivenAt: at,
      consentSource: 'online',
      interpreterLanguage: 'Welsh',
      needsStepFree: true,
      otherSupport: `A quiet room for ${identity.childName}`,
      referredBy: 'health_visitor',
      referralNotes: `Referred for ${identity.parentName}`,
      notes: `Call ${identity.phone} first`,
      priority: true,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  const familyId = family!.id
  await db.insert(children).values({ familyId, firstName: identity.childName, dateOfBirth: '2024-01-02' })
  const { course, sessions } = await aCourse({ sessions: [{ date: londonDate(at), start: '10:00', end: '12:00' }] })
  const session = sessions[0]!
  const contact = { contactEmail: identity.email, contactPhone: identity.phone, createdAt: at, updatedAt: at }
  const [attended, cancelled] = await db
    .insert(bookings)
    .values([
      {
        reference: `FH-A${tag}`,
        courseId: course.id,
        familyId,
        status: 'confirmed',
        manageNonce: `n${tag}a`,
        manageTokenHash: `h${tag}a`,
        confirmedAt: at,
        ...contact,
      },
      {
        reference: `FH-C${tag}`,
        courseId: course.id,
        familyId,
        status: 'cancelled',
        manageNonce: `n${tag}c`,
        manageTokenHash: `h${tag}c`,
        endedAt: at,
        cancelReason: `${identity.childName} is poorly`,
        overbooked: true,
        overbookReason: `Asked by ${identity.parentName}`,
        ...contact,
      },
    ])
    .returning()
  await db.insert(attendance).values({ bookingId: attended!.id, sessionId: session.id, status: 'attended', recordedAt: at })
  await db.insert(notifications).values([
    {
      dedupeKey: `confirmation:${attended!.id}:email`,
      bookingId: attended!.id,
      channel: 'email',
      kind: 'booking_confirmed',
      recipient: identity.email,
      state: 'sent',
      payload: { parentName: identity.parentName },
      sentAt: at,
      dueAt: at,
      createdAt: at,
    },
    {
      dedupeKey: `reminder:sms:${attended!.id}:${session.id}:sms`,
      bookingId: attended!.id,
      sessionId: session.id,
      channel: 'sms',
      kind: 'reminder_sms',
      recipient: identity.phone,
      state: 'failed',
      error: `Twilio refused ${identity.phone}`,
      dueAt: at,
      createdAt: at,
    },
    // A message about no booking ("find my bookings"), found by its address.
    {
      dedupeKey: `find:${tag}`,
      channel: 'email',
      kind: 'find_my_bookings',
      recipient: identity.email,
      state: 'delivered',
      sentAt: at,
      deliveredAt: at,
      dueAt: at,
    },
  ])
  await db.insert(inboundMessages).values({
    fromPhone: identity.phone,
    body: `CANCEL please, ${identity.parentName}`,
    action: 'cancelled',
    details: { bookingIds: [cancelled!.id] },
    receivedAt: at,
  })
  await db.insert(smsOptOuts).values({ phone: identity.phone, optedOutAt: at })
  await db
    .insert(accessLinks)
    .values({ tokenHash: `link${tag}`, email: identity.email, expiresAt: new Date(at.getTime() + 3600_000), createdAt: at })
  await db.insert(auditLog).values({
    at,
    action: 'family.details_changed',
    entityType: 'family',
    entityId: familyId,
    familyId,
    changes: {
      before: { email: 'old@example.com', postcode: identity.postcode },
      after: { email: identity.email, parentName: identity.parentName },
    },
  })
  await db.insert(auditLog).values({
    at,
    action: 'family.child_added',
    entityType: 'child',
    familyId,
    changes: { before: null, after: { firstName: identity.childName } },
  })
  return { familyId, identity, course, session, bookingIds: [attended!.id, cancelled!.id] }
}

/** A family who never booked, their record made at `createdAt`. */
export async function aFamilyWithoutBookings(createdAt: Date) {
  n += 1
  const [family] = await testDatabase()
    .db.insert(families)
    .values({ parentName: `Never Booked${n}`, email: `never${n}@example.com`, createdAt, updatedAt: createdAt })
    .returning()
  return family!
}

export function monthsBefore(date: Date, months: number): Date {
  const copy = new Date(date)
  copy.setUTCMonth(copy.getUTCMonth() - months)
  return copy
}

/**
 * Every place a family's identity is still found: each text, varchar, text[] and jsonb column of
 * every table, searched for each value (case-insensitive, inside longer text too). The STOP list is
 * left out on purpose: a number that opted out is kept, to comply (see the privacy notice).
 */
export async function whereIdentityRemains(identity: Identity): Promise<string[]> {
  const db = testDatabase().db
  const columns = await db.execute<{ table_name: string; column_name: string }>(sql`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
    order by 1, 2`)
  const found: string[] = []
  for (const { table_name: table, column_name: column } of columns.rows) {
    if (table === 'sms_opt_outs' && column === 'phone') continue
    for (const value of Object.values(identity)) {
      const result = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)}::text ilike ${`%${value}%`}`,
      )
      if (Number(result.rows[0]!.n) > 0) found.push(`${table}.${column} holds ${value}`)
    }
  }
  return found
}

function londonDate(date: Date): string {
  return date.toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
}
