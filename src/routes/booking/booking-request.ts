import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import type { BookInput } from '../../services/booking/booking-types.js'
import { paths } from '../../paths.js'
import type { Language } from '../../i18n/languages.js'
import type { BookingJourney } from './journey-state.js'

/** The journey's answers as the booking service's request, in the language the family is booking in. */
export function bookInput(journey: BookingJourney, language: Language, now = new Date()): BookInput {
  const details = journey.details!
  const contact = journey.contact!
  const support = journey.support!
  return {
    courseId: journey.courseId,
    requestKey: journey.requestKey,
    source: 'online',
    family: {
      parentName: details.fullName,
      email: details.email,
      phone: details.phone,
      contactByEmail: contact.byEmail,
      contactBySms: contact.bySms,
      consentGivenAt: now,
      consentSource: 'online',
      interpreterLanguage: support.interpreterLanguage,
      needsStepFree: support.stepFree,
      needsChildcare: support.childcare,
      otherSupport: support.other,
    },
    children: journey.children.map((child) => ({
      firstName: child.firstName,
      ageYears: child.ageYears ?? null,
      dateOfBirth: child.dateOfBirth ?? null,
      dueDate: child.dueDate ?? null,
    })),
    now,
    language,
  }
}

type Result = Awaited<ReturnType<Services['booking']['book']>> | Awaited<ReturnType<Services['booking']['joinWaitingList']>>

/** Where a booking or waiting-list request leads, and what the session keeps of it. */
export function redirectForResult(req: Request, res: Response, journey: BookingJourney, result: Result): void {
  const courseId = journey.courseId
  switch (result.outcome) {
    case 'confirmed':
    case 'waiting':
      req.session.bookingResult = { courseId, requestKey: journey.requestKey, bookingId: result.booking.id }
      delete req.session.bookingJourney
      return res.redirect(paths.booking.confirmation(courseId))
    case 'full':
      return res.redirect(paths.booking.full(courseId))
    case 'already_booked':
      req.session.alreadyBookedCourseId = courseId
      return res.redirect(paths.booking.alreadyBooked(courseId))
    case 'referral_only':
      return res.redirect(paths.booking.referralOnly(courseId))
    case 'closed':
      return res.redirect(paths.booking.closed(courseId))
    case 'no_such_course':
      return void res.status(404).render('pages/errors/not-found')
  }
}

/**
 * A confirm form sent again after the journey ended (a double click that arrived late, or back
 * and resubmit): the same booking's confirmation, not a second booking or an error.
 */
export function alreadyFinished(req: Request, courseId: number, requestKey: string): boolean {
  const done = req.session.bookingResult
  return done !== undefined && done.courseId === courseId && done.requestKey === requestKey
}
