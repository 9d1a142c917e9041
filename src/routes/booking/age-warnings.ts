import type { CourseSummary } from '../../data/booking-repository.js'
import type { Language } from '../../i18n/languages.js'
import { translator } from '../../i18n/translator.js'
import { ageMismatch, londonDate, type AgeMismatch, type CourseAges } from '../../services/catalogue/age-fit.js'
import { childrenAged } from '../../services/catalogue/describe.js'
import type { ChildAnswer } from './journey-state.js'

/** The age age-fit reports ("7" years, or "14 months") as a number and its unit. */
function reportedAge(mismatch: AgeMismatch): { count: number; unit: 'years' | 'months' } {
  return { count: Number.parseInt(mismatch.age, 10), unit: mismatch.age.includes('month') ? 'months' : 'years' }
}

/**
 * What the parent reads on check-your-answers, in their language: kind, and clear that they may
 * still book. "Maya will be 7 on the day of the first session. This course is for children aged 3
 * to 6. …" The course's range is worded as the catalogue words it.
 */
export function ageWarning(name: string, mismatch: AgeMismatch, course: CourseAges, language: Language): string {
  const t = translator(language)
  const who = childrenAged(course, language) ?? t('catalogue:ages.anyAge')
  if (mismatch.reason === 'not_born') return t('booking:ageWarning.notBorn', { name, who })
  const { count, unit } = reportedAge(mismatch)
  const when = t(`booking:ageWarning.${mismatch.from === 'stated' ? 'told' : 'willBe'}.${unit}`, { name, count })
  return t('booking:ageWarning.stillBook', { when, who })
}

/**
 * One kind sentence per child outside the course's age range on its first session (not
 * cancelled). Only a warning: the parent may still book.
 */
export function ageWarnings(course: CourseSummary, children: readonly ChildAnswer[], language: Language): string[] {
  const first = course.sessions.find((session) => !session.cancelledAt)
  if (!first) return []
  const day = londonDate(first.startsAt)
  return children.flatMap((child) => {
    const mismatch = ageMismatch(child, course.programme, day)
    return mismatch ? [ageWarning(child.firstName, mismatch, course.programme, language)] : []
  })
}
