import { DateTime } from 'luxon'
import type { Db } from '../../src/db/database.js'
import { courses, hubs, programmes, sessions } from '../../src/db/schema/index.js'
import { LONDON } from '../../src/time.js'
import { firstStart, type RefillModel } from './model.js'

/** A run of the term as it is in the database. */
export interface TermRun {
  index: number
  courseId: number
  programmeId: number
  capacity: number
  firstStartsAt: Date
}

/** The model's hubs, programmes, runs and their weekly sessions, in an empty database. */
export async function createTerm(db: Db, model: RefillModel): Promise<TermRun[]> {
  const hubIds = new Map<string, number>()
  const programmeIds = new Map<string, number>()
  const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  for (const name of new Set(model.runs.map((r) => r.hub))) {
    const [hub] = await db
      .insert(hubs)
      .values({
        slug: slug(name),
        name: `${name} Family Hub`,
        addressLines: ['1 High Street', 'Coventry'],
        postcode: 'CV1 1AA',
        phone: '024 7600 0000',
        openingHours: 'Monday to Friday, 9am to 5pm',
      })
      .returning()
    hubIds.set(name, hub!.id)
  }
  for (const title of new Set(model.runs.map((r) => r.programme))) {
    const [programme] = await db
      .insert(programmes)
      .values({ slug: slug(title), title, summary: title, description: title, topics: ['play'] })
      .returning()
    programmeIds.set(title, programme!.id)
  }
  const runs: TermRun[] = []
  for (const [index, spec] of model.runs.entries()) {
    const programmeId = programmeIds.get(spec.programme)!
    const [course] = await db
      .insert(courses)
      .values({ programmeId, hubId: hubIds.get(spec.hub)!, kind: spec.kind, capacity: spec.capacity })
      .returning()
    const first = DateTime.fromJSDate(firstStart(model, index), { zone: LONDON })
    await db.insert(sessions).values(
      Array.from({ length: spec.sessions }, (_, week) => {
        const startsAt = first.plus({ weeks: week })
        return { courseId: course!.id, startsAt: startsAt.toJSDate(), endsAt: startsAt.plus({ hours: 2 }).toJSDate() }
      }),
    )
    runs.push({ index, courseId: course!.id, programmeId, capacity: spec.capacity, firstStartsAt: first.toJSDate() })
  }
  return runs
}
