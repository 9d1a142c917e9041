import type { CourseSummary } from '../../data/booking-repository.js'
import type { Translate } from '../../i18n/translator.js'
import { ageMismatch, londonDate, type AgeMismatch, type CourseAges } from '../../services/catalogue/age-fit.js'
import type { ChildAnswer } from './journey-state.js'

/** "3 years", "18 months", "1 year": as the catalogue words an age, in the visitor's language. */
function age(months: number, t: Translate): string {
  if (months % 12 === 0 && months >= 12) return t('booking:ageUnit.years', { count: months / 12 })
  return t('booking:ageUnit.months', { count: months })
}

/** "children aged 3 to 6", "babies aged 0 to 12 months": the course's range, as the catalogue says it. */
function whoItIsFor({ childAgeFromMonths: from, childAgeToMonths: to }: CourseAges, t: Translate): string {
  const lower = from ?? 0
  if (to === null) return lower ? t('booking:whoAged.andOver', { age: age(lower, t) }) : t('booking:whoAged.any')
  if (to > 24 && lower % 12 === 0 && to % 12 === 0)
    return lower === 0 ? t('booking:whoAged.upToYears', { count: to / 12 }) : t('booking:whoAged.range', { from: lower / 12, to: to / 12 })
  if (to <= 12) return t('booking:whoAged.babiesMonths', { from: lower, to })
  if (to <= 24) return t('booking:whoAged.childrenMonths', { from: lower, to })
  return t('booking:whoAged.rangeUnits', { from: age(lower, t), to: age(to, t) })
}

/** The age age-fit reports ("7" years, or "14 months") as a number and its unit. */
function reportedAge(mismatch: AgeMismatch): { count: number; unit: 'years' | 'months' } {
  return { count: Number.parseInt(mismatch.age, 10), unit: mismatch.age.includes('month') ? 'months' : 'years' }
}

/** What the parent reads on check-your-answers: kind, and clear that they may still book. */
function warning(name: string, mismatch: AgeMismatch, course: CourseAges, t: Translate): string {
  const who = whoItIsFor(course, t)
  if (mismatch.reason === 'not_born') return t('booking:ageWarning.notBorn', { name, who })
  const { count, unit } = reportedAge(mismatch)
  const when = t(`booking:ageWarning.${mismatch.from === 'stated' ? 'told' : 'willBe'}.${unit}`, { name, count })
  return t('booking:ageWarning.stillBook', { when, who })
}

/**
 * One kind sentence per child outside the course's age range on its first session (not
 * cancelled). Only a warning: the parent may still book.
 */
export function ageWarnings(course: CourseSummary, children: readonly ChildAnswer[], t: Translate): string[] {
  const first = course.sessions.find((session) => !session.cancelledAt)
  if (!first) return []
  const day = londonDate(first.startsAt)
  return children.flatMap((child) => {
    const mismatch = ageMismatch(child, course.programme, day)
    return mismatch ? [warning(child.firstName, mismatch, course.programme, t)] : []
  })
}
