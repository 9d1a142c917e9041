import { DateTime } from 'luxon'
import { testDatabase } from './root-hooks.js'
import { courses, hubs, programmes, sessions } from '../../src/db/schema/index.js'
import { LONDON } from '../../src/time.js'

type NewHub = typeof hubs.$inferInsert
type NewProgramme = typeof programmes.$inferInsert
type NewCourse = typeof courses.$inferInsert

let counter = 0
const next = () => ++counter

/** Test-data builders: sensible defaults, any field overridden with a Partial. */
export async function aHub(overrides: Partial<NewHub> = {}) {
  const n = next()
  const [hub] = await testDatabase()
    .db.insert(hubs)
    .values({
      slug: `hub-${n}`,
      name: `Test Family Hub ${n}`,
      addressLines: ['1 Test Street', 'Coventry'],
      postcode: 'CV1 1AA',
      phone: '024 7600 0000',
      openingHours: 'Monday to Friday, 9am to 5pm',
      stepFree: true,
      ...overrides,
    })
    .returning()
  return hub!
}

export async function aProgramme(overrides: Partial<NewProgramme> = {}) {
  const n = next()
  const [programme] = await testDatabase()
    .db.insert(programmes)
    .values({
      slug: `programme-${n}`,
      title: `Test programme ${n}`,
      summary: 'A short summary',
      description: 'A longer description',
      topics: ['child-behaviour'],
      ...overrides,
    })
    .returning()
  return programme!
}

export interface SessionSpec {
  /** London date, e.g. '2026-12-01' */
  date: string
  /** London times, e.g. '10:00' */
  start?: string
  end?: string
}

/** A course (or drop-in, with kind 'drop_in' and one session) with its sessions, at London times. */
export async function aCourse(
  options: { programmeId?: number; hubId?: number | null; sessions?: SessionSpec[]; daysFromNow?: number } & Partial<
    Omit<NewCourse, 'programmeId' | 'hubId'>
  > = {},
) {
  const { programmeId, hubId, sessions: specs, daysFromNow, ...overrides } = options
  const programme = programmeId ?? (await aProgramme()).id
  const hub = hubId === undefined ? (await aHub()).id : hubId
  const firstDay = DateTime.now()
    .setZone(LONDON)
    .plus({ days: daysFromNow ?? 7 })
  const sessionSpecs: SessionSpec[] = specs ?? [{ date: firstDay.toISODate()! }]
  const [course] = await testDatabase()
    .db.insert(courses)
    .values({ programmeId: programme, hubId: hub, kind: sessionSpecs.length === 1 ? 'drop_in' : 'course', capacity: 10, ...overrides })
    .returning()
  const rows = await testDatabase()
    .db.insert(sessions)
    .values(
      sessionSpecs.map((spec) => ({
        courseId: course!.id,
        startsAt: DateTime.fromISO(`${spec.date}T${spec.start ?? '10:00'}`, { zone: LONDON }).toJSDate(),
        endsAt: DateTime.fromISO(`${spec.date}T${spec.end ?? '12:00'}`, { zone: LONDON }).toJSDate(),
      })),
    )
    .returning()
  return { course: course!, sessions: rows }
}

/** n weekly session specs from a London date. */
export function weekly(firstDate: string, n: number, start = '10:00', end = '12:00'): SessionSpec[] {
  const first = DateTime.fromISO(firstDate, { zone: LONDON })
  return Array.from({ length: n }, (_, i) => ({ date: first.plus({ weeks: i }).toISODate()!, start, end }))
}
