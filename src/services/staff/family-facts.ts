import { DateTime } from 'luxon'
import { LONDON } from '../../time.js'

interface SupportFacts {
  interpreterLanguage: string | null
  needsStepFree: boolean
  needsChildcare: boolean
  otherSupport: string | null
}

/** What a facilitator needs to prepare for: interpreter, access, child care, anything else. */
export function supportNeeds(family: SupportFacts): string[] {
  return [
    family.interpreterLanguage && `Interpreter: ${family.interpreterLanguage}`,
    family.needsStepFree && 'Step-free access',
    family.needsChildcare && 'Crèche or child care',
    family.otherSupport,
  ].filter((need): need is string => Boolean(need))
}

interface ChildFacts {
  firstName: string
  dateOfBirth: string | null
  ageYears: number | null
  dueDate: string | null
}

/** "Amy (3)", "Sam (8 months)", "Baby due 12 Mar 2027". */
export function describeChild(child: ChildFacts, now = new Date()): string {
  const today = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day')
  if (child.dueDate && !child.dateOfBirth) return `${child.firstName} (due ${DateTime.fromISO(child.dueDate).toFormat('d LLL yyyy')})`
  if (child.dateOfBirth) {
    const { years, months } = today.diff(DateTime.fromISO(child.dateOfBirth, { zone: LONDON }), ['years', 'months']).toObject()
    const wholeYears = Math.floor(years ?? 0)
    if (wholeYears >= 2) return `${child.firstName} (${wholeYears})`
    const totalMonths = Math.max(0, Math.floor(wholeYears * 12 + (months ?? 0)))
    return `${child.firstName} (${totalMonths} ${totalMonths === 1 ? 'month' : 'months'})`
  }
  return child.ageYears !== null ? `${child.firstName} (${child.ageYears})` : child.firstName
}
