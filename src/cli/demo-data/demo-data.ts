import type { DateTime } from 'luxon'
import type { Db, Tx } from '../../db/database.js'
import { demoRows, type NewBooking, type NewCourse, type NewSession } from '../../data/demo/demo-rows.js'
import { inLondon, londonTime } from '../../time.js'
import { newManageCredentials } from '../../services/tokens.js'
import { demoHubs } from './demo-hubs.js'
import { demoProgrammes } from './demo-programmes.js'
import { DROP_IN_WAITING, demoCourses, demoDropIns, type CourseSpec, type DropInSeries } from './demo-schedule.js'
import { pastCourses, pastDropIns } from './demo-past-schedule.js'
import { isBankHoliday } from './bank-holidays.js'
import { playDemoHistory, type HistoryCourse, type HistoryFamily } from './demo-history.js'
import { seedDemoStaff } from './demo-staff.js'
import { seededRandom } from './seeded-random.js'
import { loadConfig, type Config } from '../../config.js'
import { createLogger, type Logger } from '../../logger.js'
import { demoFamilies } from './demo-families.js'

/** Used only when no secret is given (tests of the seed itself); the app passes its own. */
const DEMO_MANAGE_SECRET = 'demo-seed-manage-secret-not-for-real-bookings'
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Demo references, the same every time: the generator's bookings get theirs from it too. */
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
  /** Past courses only: how many families ask for a place (demo-history.ts books them). */
  demand?: number
}

/**
 * `count` weekly dates from `first`, a bank holiday skipped (the course runs a week longer), as
 * a hub would plan it. A drop-in (count 1) on a bank holiday does not run at all: none is given.
 */
function weeklyDates(first: DateTime, count: number, moveOnBankHoliday: boolean): DateTime[] {
  const dates: DateTime[] = []
  for (let day = first; dates.length < count; day = day.plus({ weeks: 1 })) {
    if (!isBankHoliday(day.toISODate()!)) dates.push(day)
    else if (!moveOnBankHoliday) break
  }
  return dates
}

function plan(today: DateTime, hubIds: Map<string, number>, programmeIds: Map<string, number>): PlannedCourse[] {
  const at = (date: DateTime, time: string) => londonTime(date.toISODate()!, time)
  const id = (ids: Map<string, number>, slug: string) => {
    const found = ids.get(slug)
    if (found === undefined) throw new Error(`Demo data refers to an unknown slug: ${slug}`)
    return found
  }
  const course = (spec: Omit<CourseSpec, 'booked'>, booked: number, waiting: number, demand?: number): PlannedCourse => ({
    course: {
      programmeId: id(programmeIds, spec.programme),
      kind: 'course',
      hubId: spec.hub === null ? null : id(hubIds, spec.hub),
      onlineUrl: spec.hub === null ? `https://meet.example.com/family-hubs/${spec.programme}` : null,
      capacity: spec.capacity,
      bookingOpen: spec.bookingOpen ?? true,
    },
    sessions: weeklyDates(firstDate(today, spec.weekday, spec.week), spec.sessions, true).map((day) => ({
      startsAt: at(day, spec.start),
      endsAt: at(day, spec.end),
      room: spec.room ?? null,
    })),
    booked,
    waiting,
    ...(demand === undefined ? {} : { demand }),
  })
  const dropIns = (series: Omit<DropInSeries, 'booked'>, booked: (i: number) => number | 'full', demand?: number): PlannedCourse[] =>
    series.weeks.flatMap((week, i) => {
      const [day] = weeklyDates(firstDate(today, series.weekday, week), 1, false)
      if (!day) return []
      const places = booked(i)
      return [
        {
          course: {
            programmeId: id(programmeIds, series.programme),
            kind: 'drop_in',
            hubId: id(hubIds, series.hub),
            capacity: series.capacity,
          },
          sessions: [{ startsAt: at(day, series.start), endsAt: at(day, series.end), room: series.room ?? null }],
          booked: places === 'full' ? series.capacity : places,
          waiting: places === 'full' ? DROP_IN_WAITING : 0,
          ...(demand === undefined ? {} : { demand }),
        },
      ]
    })
  return [
    ...demoCourses.map((spec) =>
      course(spec, spec.booked === 'full' ? spec.capacity : spec.booked, spec.booked === 'full' ? (spec.waiting ?? 0) : 0),
    ),
    ...demoDropIns.flatMap((series) => dropIns(series, (i) => series.booked[i] ?? 0)),
    // Last: the courses before them keep their ids and families whatever the past holds.
    ...pastCourses.map((spec) => course(spec, 0, 0, spec.demand)),
    ...pastDropIns.flatMap((series) => dropIns(series, () => 0, series.demand)),
  ]
}

export interface SeedOptions {
  /**
   * Play out the last 12 weeks too (what `npm start` shows). Off by default: tests that only
   * need the catalogue get it in a second, not after some hundreds of service calls.
   */
  history?: boolean
  /** The app's settings (offer hours, reminders); by default the built-in ones, with manageSecret. */
  config?: Config
  logger?: Logger
}

/**
 * Demo hubs, programmes, courses and drop-ins over the next 8 weeks from `now` (one course started
 * two weeks ago), with families, confirmed bookings that make some courses nearly full or full,
 * and waiting lists, with everything but the manage-link nonces decided by `now`. Then the last
 * 12 weeks are played out through the app's own services (demo-history.ts); the demo staff
 * accounts are added first, as the registers are kept by the demo facilitator.
 */
export async function seedDemoData(db: Db, now: Date, manageSecret = DEMO_MANAGE_SECRET, options: SeedOptions = {}): Promise<void> {
  const config = options.config ?? { ...loadConfig({}), sessionSecret: manageSecret }
  const logger = options.logger ?? createLogger('silent')
  await db.transaction(async (tx) => {
    const nextReference = referenceMaker()
    const past = await insertDemoData(tx, now, manageSecret, nextReference)
    // The services take a database and run each step in a transaction of their own; given this
    // transaction, each step is a savepoint in it. So the whole demo commits at once (or not at
    // all, leaving the database empty for the next start to try again), and quickly: one commit.
    const inOne = tx as unknown as Db
    if (!options.history) return
    await seedDemoStaff(inOne, now)
    await playDemoHistory(inOne, { now, ...past, config, logger, nextReference })
  })
}

/** Returns the past courses, with their ids, and the families, for the history to book. */
async function insertDemoData(
  tx: Tx,
  now: Date,
  manageSecret: string,
  nextReference: () => string,
): Promise<{ courses: HistoryCourse[]; families: HistoryFamily[] }> {
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
  const referralOnly = new Set(programmeRows.filter((p) => p.bookingMode === 'referral').map((p) => p.id))
  const courses = planned.flatMap((p, i): HistoryCourse[] =>
    p.demand === undefined
      ? []
      : [
          {
            courseId: courseRows[i]!.id,
            kind: p.course.kind ?? 'course',
            demand: p.demand,
            firstStartsAt: p.sessions[0]!.startsAt,
            referral: referralOnly.has(p.course.programmeId),
          },
        ],
  )
  const families = demo.map(({ family }, i) => ({
    id: familyRows[i]!.id,
    phone: family.phone ?? null,
    texts: Boolean(family.contactBySms),
  }))
  return { courses, families }
}
