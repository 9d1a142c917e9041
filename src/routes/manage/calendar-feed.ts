import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { paths } from '../../paths.js'
import { keepFlash } from '../../middleware/flash.js'
import { managedBooking } from './load-booking.js'
import { feedAction, feedNoticeIn } from '../calendar-feeds/feed-action.js'

/**
 * "Subscribe to your bookings in your calendar": makes, replaces or turns off the feed of the
 * booking's family record.
 *
 * Online bookings make a new family record each time, so a family who booked online twice has two
 * records and two feeds. The feed deliberately does NOT merge records by contact email or phone: a
 * manage link is shown on screen to whoever made the booking, without proof that they own the email
 * or phone they typed, so a stranger could otherwise book once with someone's address and subscribe
 * to all of that person's bookings. Bookings staff make for a family they found reuse its record, so
 * those do share one feed. (A feed for every booking of a proven email address would belong on the
 * "find my bookings" page, which is reached through a link sent to that address.)
 */
export function calendarFeed(services: Services) {
  return async (req: Request, res: Response) => {
    const details = managedBooking(res)
    const action = feedAction(req.body, req.t)
    await services.calendarFeeds.change({ kind: 'family', familyId: details.booking.familyId }, action)
    keepFlash(req, 'bookingNotice', feedNoticeIn(req.t, action), String(details.booking.id))
    res.redirect(`${paths.manage.show(details.manageToken)}#calendar-feed`)
  }
}
