import { DateTime } from 'luxon'
import type { ChildAnswer } from './journey-state.js'

const longDate = (iso: string) => DateTime.fromISO(iso).toFormat('d LLLL yyyy')

/** "Age 3 years", "Born 27 March 2022", "Due 14 September 2026" */
export function describeChild(child: Pick<ChildAnswer, 'kind' | 'ageYears' | 'dateOfBirth' | 'dueDate'>): string {
  if (child.kind === 'age') return child.ageYears === 1 ? 'Age 1 year' : `Age ${child.ageYears ?? 0} years`
  if (child.kind === 'dateOfBirth') return `Born ${longDate(child.dateOfBirth!)}`
  return `Due ${longDate(child.dueDate!)}`
}
