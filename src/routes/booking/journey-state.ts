import { randomUUID } from 'node:crypto'
import type { RequestHandler } from 'express'
import { paths } from '../../paths.js'

/** A child as the parent described them: age in years, date of birth, or a due date (ISO). */
export interface ChildAnswer {
  firstName: string
  kind: 'age' | 'dateOfBirth' | 'expecting'
  ageYears?: number
  dateOfBirth?: string
  dueDate?: string
}

/** The answers so far, kept in the session (no account, nothing saved until the confirm). */
export interface BookingJourney {
  courseId: number
  /** Made when the journey starts and sent with the confirm form: a double submit books once. */
  requestKey: string
  details?: { fullName: string; email: string | null; phone: string | null }
  contact?: { byEmail: boolean; bySms: boolean }
  children: ChildAnswer[]
  childrenDone?: boolean
  support?: { interpreterLanguage: string | null; stepFree: boolean; childcare: boolean; other: string | null }
}

/** What the journey ended with, for the confirmation page (the manage token is re-made from the booking). */
interface BookingJourneyResult {
  courseId: number
  requestKey: string
  bookingId: number
}

declare module 'express-session' {
  interface SessionData {
    bookingJourney?: BookingJourney
    bookingResult?: BookingJourneyResult
    /** The course whose "already booked" page may be shown (this browser just tried to book it). */
    alreadyBookedCourseId?: number
  }
}

export type Step = 'yourDetails' | 'contact' | 'children' | 'support' | 'check'
const STEPS: Step[] = ['yourDetails', 'contact', 'children', 'support', 'check']

/** The first step not yet answered ('check' when everything is). */
export function firstMissingStep(journey: BookingJourney): Step {
  if (!journey.details) return 'yourDetails'
  if (!journey.contact || (!journey.contact.byEmail && !journey.contact.bySms)) return 'contact'
  if (!journey.childrenDone) return 'children'
  if (!journey.support) return 'support'
  return 'check'
}

export function stepUrl(step: Step, courseId: number): string {
  return paths.booking[step](courseId)
}

/** After an answer: straight back to check-your-answers when all is answered, else the next gap. */
export function nextUrl(journey: BookingJourney): string {
  return stepUrl(firstMissingStep(journey), journey.courseId)
}

export function newJourney(courseId: number): BookingJourney {
  return { courseId, requestKey: randomUUID(), children: [] }
}

/**
 * Guards a step: no journey for this course sends the parent to its start; a step asked for
 * before an earlier one is answered sends them back to the first missing one.
 */
export function requireStep(step: Step): RequestHandler {
  return (req, res, next) => {
    const courseId = Number(req.params.courseId)
    const journey = req.session.bookingJourney
    if (!journey || journey.courseId !== courseId) return res.redirect(paths.booking.start(courseId))
    const missing = firstMissingStep(journey)
    if (STEPS.indexOf(step) > STEPS.indexOf(missing)) return res.redirect(stepUrl(missing, courseId))
    res.locals.journey = journey
    next()
  }
}
