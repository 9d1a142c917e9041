import { Router } from 'express'
import { paths } from '../../paths.js'
import { noStore } from '../../middleware/no-store.js'
import type { Services } from '../../services/index.js'
import { loadBooking } from './load-booking.js'
import { showBooking } from './show.js'
import { cancelBooking } from './cancel.js'
import { waitingListActions } from './waiting-list.js'
import { calendarFile } from './calendar-file.js'
import { calendarFeed } from './calendar-feed.js'
import { findMyBookings } from './find-my-bookings.js'
import { otherRunsActions } from './other-runs.js'
import { rateLimited } from '../../middleware/rate-limit.js'

/** The private manage link (/manage/<token>) and "find my bookings". */
export function manageRoutes(services: Services): Router {
  const router = Router()
  // Every page here holds a family's answers or a private link: never cached.
  router.use([paths.manage.findMyBookings, '/manage/:token'], noStore)
  const booking = loadBooking(services)
  const limit = rateLimited(services.rateLimits.bookingPosts)
  const cancel = cancelBooking(services)
  const queue = waitingListActions(services)
  const find = findMyBookings(services)
  const otherRuns = otherRunsActions(services)

  // Before the /find-my-bookings/:token pattern, which would otherwise match it.
  router.get(paths.manage.findMyBookingsSent, find.sent)
  router.get(paths.manage.findMyBookings, find.view)
  router.post(paths.manage.findMyBookings, find.limit, find.submit)
  router.get(paths.manage.findMyBookingsLinkPattern, find.list)

  router.get(paths.manage.pattern, booking, showBooking(services))
  router.get(paths.manage.calendarPattern, booking, calendarFile(services))
  router.post(paths.manage.calendarFeedPattern, limit, booking, calendarFeed(services))
  router.get(paths.manage.cancelPattern, booking, cancel.view)
  router.post(paths.manage.cancelPattern, limit, booking, cancel.submit)
  router.get(paths.manage.leavePattern, booking, queue.leaveView)
  router.post(paths.manage.leavePattern, limit, booking, queue.leave)
  router.post(paths.manage.acceptPattern, limit, booking, queue.accept)
  router.post(paths.manage.declinePattern, limit, booking, queue.decline)
  // Which other runs of the programme a waiting family would take (issue 10).
  router.get(paths.manage.otherRunsPattern, booking, otherRuns.view)
  router.post(paths.manage.otherRunsPattern, limit, booking, otherRuns.submit)
  return router
}
