import { inLondon } from '../../time.js'
import type { AgeRange } from './describe.js'

/**
 * Whether a child fits a course's age range on the day of its first session (London date).
 * Pure: the booking journey warns the parent, the register tags the child for staff.
 *
 * The rules, in plain words (also in the README):
 * - No range (no upper bound and no lower bound above 0 months), or a course for practitioners:
 *   every child fits.
 * - Age is counted in whole months from the date of birth (an expected baby's due date counts as
 *   birth). A 29 February birthday comes round on 1 March in other years, as in English law.
 * - The lower bound is inclusive. The upper bound is inclusive at the unit parents read:
 *   "aged 3 to 6" (72 months) takes a child up to the day before their 7th birthday, while
 *   "0 to 12 months" takes a baby until they are 13 months old.
 * - A child given only as an age in years might have a birthday before the course: they are outside
 *   only when every month of that year of age is.
 * - A baby due after the first session is "not born yet": outside a course for parents of children
 *   (any range), fine on one for pregnant parents.
 */

export interface ChildAgeFacts {
  firstName: string
  dateOfBirth?: string | null
  ageYears?: number | null
  dueDate?: string | null
}

export type CourseAges = AgeRange

export type AgeMismatch =
  { reason: 'too_young' | 'too_old'; from: 'birth' | 'stated'; age: string } | { reason: 'not_born'; from: 'due'; age: string }

/** Whole months from `born` to `on` (ISO dates); a day-of-month not yet reached takes a month off. */
function completedMonths(born: string, on: string): number {
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number]
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number]
  // 29 February in a year without one: the birthday is 1 March, so the 29th is never reached.
  return (oy - by) * 12 + (om - bm) - (od < bd ? 1 : 0)
}

/** "7", "14 months", "1 month": years from 2, months below, as on the register. */
function ageLabel(months: number): string {
  if (months >= 24) return String(Math.floor(months / 12))
  return `${months} ${months === 1 ? 'month' : 'months'}`
}

const hasRange = ({ childAgeFromMonths: from, childAgeToMonths: to }: CourseAges) => to !== null || (from ?? 0) > 0

/** The oldest age, in completed months, the range still takes (see the rules above). */
const upperLimit = (to: number) => (to % 12 === 0 && to > 24 ? to + 11 : to)

/** The London date of the first session, for `ageMismatch`. */
export const londonDate = (instant: Date): string => inLondon(instant).toISODate()!

/**
 * Undefined when the child fits (or we cannot tell: no age given); otherwise why not, and their
 * age on the first session. `firstSessionDate` is an ISO London date.
 */
export function ageMismatch(child: ChildAgeFacts, course: CourseAges, firstSessionDate: string): AgeMismatch | undefined {
  if (course.audience === 'practitioners' || !hasRange(course)) return undefined
  const from = course.childAgeFromMonths ?? 0
  const to = course.childAgeToMonths === null ? Infinity : upperLimit(course.childAgeToMonths)
  const born = child.dateOfBirth ?? child.dueDate ?? null
  if (born) {
    if (!child.dateOfBirth && born > firstSessionDate)
      return course.audience === 'pregnant' ? undefined : { reason: 'not_born', from: 'due', age: 'not born yet' }
    const months = Math.max(0, completedMonths(born, firstSessionDate))
    if (months < from) return { reason: 'too_young', from: 'birth', age: ageLabel(months) }
    if (months > to) return { reason: 'too_old', from: 'birth', age: ageLabel(months) }
    return undefined
  }
  if (child.ageYears === null || child.ageYears === undefined) return undefined
  const youngest = child.ageYears * 12
  if (youngest + 11 < from) return { reason: 'too_young', from: 'stated', age: ageLabel(youngest) }
  if (youngest > to) return { reason: 'too_old', from: 'stated', age: ageLabel(youngest) }
  return undefined
}
