import type { CourseSummary } from '../../data/booking-repository.js'
import { ageMismatch, ageMismatchMessage, londonDate } from '../../services/catalogue/age-fit.js'
import type { ChildAnswer } from './journey-state.js'

/**
 * One kind sentence per child outside the course's age range on its first session (not
 * cancelled). Only a warning: the parent may still book.
 */
export function ageWarnings(course: CourseSummary, children: readonly ChildAnswer[]): string[] {
  const first = course.sessions.find((session) => !session.cancelledAt)
  if (!first) return []
  const day = londonDate(first.startsAt)
  return children.flatMap((child) => {
    const mismatch = ageMismatch(child, course.programme, day)
    return mismatch ? [ageMismatchMessage(child.firstName, mismatch, course.programme)] : []
  })
}
