import type { ListingRow, Session } from '../../data/catalogue-repository.js'
import type { CourseKind } from '../../domain/catalogue.js'
import { statusOfCourse, kindLabel, whenText, whoItIsFor, type CourseStatus } from './describe.js'
import type { Language } from '../../i18n/languages.js'

/** One entry of the catalogue: a course or a drop-in, ready for the page. */
export interface Listing {
  courseId: number
  kind: CourseKind
  kindLabel: string
  title: string
  summary: string
  programmeSlug: string
  when: string
  whoFor: string
  language: string
  hub: { name: string; slug: string } | null
  status: CourseStatus
  nextStartsAt: Date
}

export function toListings(rows: readonly ListingRow[], sessionsOn: readonly Session[], now: Date, language: Language): Listing[] {
  const byCourse = new Map<number, Session[]>()
  for (const session of sessionsOn) {
    const list = byCourse.get(session.courseId) ?? []
    list.push(session)
    byCourse.set(session.courseId, list)
  }
  return rows.map(({ course, programme, hub, nextStartsAt }) => ({
    courseId: course.id,
    kind: course.kind,
    kindLabel: kindLabel(course.kind, language),
    title: programme.title,
    summary: programme.summary,
    programmeSlug: programme.slug,
    when: whenText(course.kind, byCourse.get(course.id) ?? [], now, language),
    whoFor: whoItIsFor(programme, language),
    language: programme.language,
    hub: hub ? { name: hub.name, slug: hub.slug } : null,
    status: statusOfCourse(course, programme, false, language),
    nextStartsAt,
  }))
}
