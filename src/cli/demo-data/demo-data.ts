import type { DateTime } from 'luxon'
import type { Db, Tx } from '../../db/database.js'
import { demoRows, type NewBooking, type NewCourse, type NewSession } from '../../data/demo/demo-rows.js'
import { inLondon, londonTime } from '../../time.js'
import { newManageCredentials } from '../../services/tokens.js'
import { demoHubs } from './demo-hubs.js'
import { demoProgrammes } from './demo-programmes.js'
import { DROP_IN_WAITING, demoCourses, demoDropIns } from './demo-schedule.js'
import { demoFamilies } from './demo-families.js'

/** Used only when no secret is given (tests of the seed itself); the app passes its own. */
const DEMO_MANAGE_SECRET = 'demo-seed-manage-secret-not-for-real-bookings'
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A small seeded random generator (mulberry32), so the same `now` gives the same references. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function referenceMaker(): () => string {
  const random = seededRandom(20260301)
  const used = new Set<string>()
  const chars = (n: number) =>
    Array.from({ length: n }, () => REFERENCE_ALPHABET[Math.floor(random() * REFERENCE_ALPHABET.length)]).join('')
  return () => {
    let reference: string
    do reference = `FH-${chars(4)}-${chars(2)}`
    while (used.has(reference))
    used.add(reference)
    return reference
  }
}

/** The London date of the first `weekday` after today, `week` weeks on (negative: in the past). */
function firstDate(today: DateTime, weekday: number, week: number): DateTime {
  let day = today.plus({ days: 1 })
  while (day.weekday !== weekday) day = day.plus({ days: 1 })
  return day.plus({ weeks: week })
}

interface PlannedCourse {
  course: NewCourse
  sessions: Array<Omit<NewSession, 'courseId'>>
  booked: number
  waiting: number
}

function plan(today: DateTime, hubIds: Map<string, number>, programmeIds: Map<string, number>): PlannedCourse[] {
  const at = (date: DateTime, time: string) => londonTime(date.toISODate()!, time)
  const id = (ids: Map<string, number>, slug: string) => {
    const found = ids.get(slug)
    if (found === undefined) throw new Error(`Demo data refers to an unknown slug: ${slug}`)
    return found
  }
  const planned: PlannedCourse[] = []
  for (const spec of demoCourses) {
    const first = firstDate(today, spec.weekday, spec.week)
    planned.push({
      course: {
        programmeId: id(programmeIds, spec.programme),
        kind: 'course',
        hubId: spec.hub === null ? null : id(hubIds, spec.hub),
        onlineUrl: spec.hub === null ? `https://meet.example.com/family-hubs/${spec.programme}` : null,
        capacity: spec.capacity,
        bookingOpen: spec.bookingOpen ?? true,
      },
      sessions: Array.from({ length: spec.sessions }, (_, i) => {
        const day = first.plus({ weeks: i })
        return { startsAt: at(day, spec.start), endsAt: at(day, spec.end), room: spec.room ?? null }
      }),
      booked: spec.booked === 'full' ? spec.capacity : spec.booked,
      waiting: spec.booked === 'full' ? (spec.waiting ?? 0) : 0,
    })
  }
  for (const series of demoDropIns) {
    series.weeks.forEach((week, i) => {
      const day = firstDate(today, series.weekday, week)
      const booked = series.booked[i] ?? 0
      planned.push({
        course: {
          programmeId: id(programmeIds, series.programme),
          kind: 'drop_in',
          hubId: id(hubIds, series.hub),
          capacity: series.capacity,
        },
        sessions: [{ startsAt: at(day, series.start), endsAt: at(day, series.end), room: series.room ?? null }],
        booked: booked === 'full' ? series.capacity : booked,
        waiting: booked === 'full' ? DROP_IN_WAITING : 0,
      })
    })
  }
  return planned
}

/**
 * Demo hubs, programmes, courses and drop-ins over the next 8 weeks from `now` (one course started
 * two weeks ago), with families, confirmed bookings that make some courses nearly full or full,
 * and waiting lists. Everything but the manage-link nonces is decided by `now`. One transaction:
 * a failure leaves the database empty.
 */
export async function seedDemoData(db: Db, now: Date, manageSecret = DEMO_MANAGE_SECRET): Promise<void> {
  await db.transaction((tx) => insertDemoData(tx, now, manageSecret))
}

async function insertDemoData(tx: Tx, now: Date, manageSecret: string): Promise<void> {
  const today = inLondon(now).startOf('day')
  const hubRows = await demoRows.insertHubs(tx, demoHubs)
  const programmeRows = await demoRows.insertProgrammes(tx, demoProgrammes)
  const planned = plan(today, new Map(hubRows.map((h) => [h.slug, h.id])), new Map(programmeRows.map((p) => [p.slug, p.id])))

  const courseRows = await demoRows.insertCourses(
    tx,
    planned.map((p) => p.course),
  )
  await demoRows.insertSessions(
    tx,
    planned.flatMap((p, i) => p.sessions.map((s) => ({ ...s, courseId: courseRows[i]!.id }))),
  )

  const demo = demoFamilies(today)
  const familyRows = await demoRows.insertFamilies(
    tx,
    demo.map((d) => d.family),
  )
  await demoRows.insertChildren(
    tx,
    demo.flatMap((d, i) => d.children.map((child) => ({ ...child, familyId: familyRows[i]!.id }))),
  )

  const nextReference = referenceMaker()
  const rows: NewBooking[] = []
  planned.forEach((p, courseIndex) => {
    const courseId = courseRows[courseIndex]!.id
    const firstStart = p.sessions[0]!.startsAt
    // Different families on each course; nobody holds two places on one course.
    for (let n = 0; n < p.booked + p.waiting; n++) {
      const familyIndex = (courseIndex * 7 + n) % demo.length
      const family = demo[familyIndex]!.family
      const credentials = newManageCredentials(manageSecret)
      const waiting = n >= p.booked
      const bookedAt = inLondon(firstStart < now ? firstStart : now)
        .minus({ days: 3 + (n % 9), hours: n })
        .toJSDate()
      rows.push({
        reference: nextReference(),
        courseId,
        familyId: familyRows[familyIndex]!.id,
        status: waiting ? 'waiting' : 'confirmed',
        source: n % 4 === 3 ? 'reception' : 'online',
        contactEmail: family.email ?? null,
        contactPhone: family.phone ?? null,
        manageNonce: credentials.nonce,
        manageTokenHash: credentials.tokenHash,
        confirmedAt: waiting ? null : bookedAt,
        waitlistJoinedAt: waiting
          ? inLondon(now)
              .minus({ hours: 48 - n })
              .toJSDate()
          : null,
        createdAt: bookedAt,
        updatedAt: bookedAt,
      })
    }
  })
  await demoRows.insertBookings(tx, rows)
}
