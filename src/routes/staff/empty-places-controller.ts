import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { paths } from '../../paths.js'
import { currentStaff } from '../../middleware/auth.js'
import { assertCan } from '../../middleware/require-permission.js'
import { keepFlash } from '../../middleware/flash.js'
import { idParam, notFoundUnless } from './form-values.js'

/** Where the button may send staff back to: the page it was pressed on, nowhere else. */
const returnPaths: readonly string[] = [paths.staff.dashboard, paths.staff.reports.index]

const notices = {
  no_free_places: 'No places are free on that session any more.',
  no_one_waiting: 'Nobody is waiting for that session any more.',
  no_one_reachable:
    'The families waiting for that session only get text messages, and the offer would close before texts can be sent in the morning. Phone them if you can.',
  too_late: 'It is too close to the start to offer that place.',
  closed: 'That session is closed to booking.',
  no_such_course: 'That session no longer exists.',
} as const

/** "Offer to everyone waiting": starts an open offer on one run at once (dashboard and reports). */
export function emptyPlacesController(services: Services) {
  return {
    async offerToEveryone(req: Request, res: Response) {
      const courseId = idParam(req, 'courseId')
      const summary = notFoundUnless(await services.booking.courseSummary(courseId))
      // The route allowed "somewhere"; this checks the run's own hub.
      assertCan(res, 'offers.openToAll', { hubId: summary.course.hubId })
      const staff = currentStaff(res)
      const result = await services.booking.startOpenOffer(courseId, {
        staffUserId: staff.id,
        audit: (tx, opened) =>
          services.staff.audit.record(tx, staff, {
            action: 'open_offer.started',
            entityType: 'course',
            entityId: courseId,
            after: { openOfferId: opened.openOfferId, familiesTold: opened.familiesTold, closesAt: opened.closesAt.toISOString() },
          }),
      })
      const title = summary.programme.title
      keepFlash(
        req,
        'staffNotice',
        result.outcome === 'opened'
          ? `${title}: offered to ${result.familiesTold} ${result.familiesTold === 1 ? 'family' : 'families'} waiting. The first to accept gets the place.` +
              (result.textOnlyLeftOut > 0
                ? ` ${result.textOnlyLeftOut} ${result.textOnlyLeftOut === 1 ? 'family gets' : 'families get'} only text messages and could not be told before the offer closes (no texts at night).`
                : '')
          : `${title}: ${notices[result.outcome]}`,
      )
      const returnTo =
        typeof req.body?.returnTo === 'string' && returnPaths.includes(req.body.returnTo) ? req.body.returnTo : paths.staff.dashboard
      res.redirect(returnTo)
    },
  }
}
