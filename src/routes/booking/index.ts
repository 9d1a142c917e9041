import { Router } from 'express'
import { paths } from '../../paths.js'
import { noStore } from '../../middleware/no-store.js'
import type { Services } from '../../services/index.js'
import { loadCourse } from './load-course.js'
import { rateLimited } from '../../middleware/rate-limit.js'
import { requireStep } from './journey-state.js'
import { start } from './start.js'
import { yourDetails } from './your-details.js'
import { contactPreferences } from './contact-preferences.js'
import { children } from './children.js'
import { support } from './support.js'
import { checkAnswers } from './check-answers.js'
import { fullCourse } from './full.js'
import { confirmation } from './confirmation.js'
import { outcomePages } from './outcome-pages.js'

/** The parent's booking journey: one question per page, answers in the session until confirmed. */
export function bookingRoutes(services: Services): Router {
  const router = Router()
  // Every page here holds a family's answers or a private link: never cached.
  router.use(paths.booking.startPattern, noStore)
  const course = loadCourse(services)
  const limit = rateLimited(services.rateLimits.bookingPosts)
  const check = checkAnswers(services)
  const full = fullCourse(services)

  router.get(paths.booking.startPattern, course, start)

  router.get(paths.booking.yourDetailsPattern, course, requireStep('yourDetails'), yourDetails.view)
  router.post(paths.booking.yourDetailsPattern, limit, course, requireStep('yourDetails'), yourDetails.submit)

  router.get(paths.booking.contactPattern, course, requireStep('contact'), contactPreferences.view)
  router.post(paths.booking.contactPattern, limit, course, requireStep('contact'), contactPreferences.submit)

  router.get(paths.booking.childrenPattern, course, requireStep('children'), children.view)
  router.post(paths.booking.childrenPattern, limit, course, requireStep('children'), children.submit)
  router.get(paths.booking.addChildPattern, course, requireStep('children'), children.addView)
  router.post(paths.booking.addChildPattern, limit, course, requireStep('children'), children.addSubmit)
  router.post(paths.booking.removeChildPattern, limit, course, requireStep('children'), children.remove)

  router.get(paths.booking.supportPattern, course, requireStep('support'), support.view)
  router.post(paths.booking.supportPattern, limit, course, requireStep('support'), support.submit)

  router.get(paths.booking.checkPattern, course, requireStep('check'), check.view)
  // No step guard on the POSTs that book: a late second submit must find the finished booking.
  router.post(paths.booking.checkPattern, limit, course, check.submit)
  router.get(paths.booking.fullPattern, course, requireStep('check'), full.view)
  router.post(paths.booking.fullPattern, limit, course, full.submit)

  router.get(paths.booking.confirmationPattern, confirmation(services))
  router.get(paths.booking.alreadyBookedPattern, course, outcomePages.alreadyBooked)
  router.get(paths.booking.referralOnlyPattern, course, outcomePages.referralOnly)
  router.get(paths.booking.closedPattern, course, outcomePages.closed)
  return router
}
