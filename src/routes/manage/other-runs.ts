import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import type { BookingDetails } from '../../services/booking/booking-service.js'
import { paths } from '../../paths.js'
import { managedBooking } from './load-booking.js'
import { keepFlash } from '../../middleware/flash.js'
import { alsoSuitableFrom } from '../booking/also-suitable.js'

/** What the manage page says about the other runs a waiting family would take (issue 10). */
export async function otherRunsSummary(services: Services, details: BookingDetails) {
  if (details.booking.status !== 'waiting') return undefined
  const [otherRuns, suitable] = await Promise.all([
    services.booking.programmeQueue.otherRuns(details.booking.courseId),
    services.booking.programmeQueue.suitableRuns(details.booking),
  ])
  const chosen = suitable === 'any' ? 'any' : otherRuns.filter((run) => suitable.includes(run.courseId))
  return { hasOtherRuns: otherRuns.length > 0, chosen }
}

/** The family changes which other runs of the programme would suit them, while they wait. */
export function otherRunsActions(services: Services) {
  return {
    async view(_req: Request, res: Response) {
      const details = managedBooking(res)
      if (details.booking.status !== 'waiting') return res.redirect(paths.manage.show(details.manageToken))
      const [otherRuns, suitable] = await Promise.all([
        services.booking.programmeQueue.otherRuns(details.booking.courseId),
        services.booking.programmeQueue.suitableRuns(details.booking),
      ])
      const chosen = suitable === 'any' ? ['any'] : suitable.map(String)
      res.render('pages/manage/other-runs', { details, otherRuns, chosen })
    },

    async submit(req: Request, res: Response) {
      const details = managedBooking(res)
      const scope = String(details.booking.id)
      const result = await services.booking.programmeQueue.changeSuitableRuns(details.booking.id, alsoSuitableFrom(req) ?? [])
      if (result.outcome === 'changed') keepFlash(req, 'bookingNotice', req.t('queue:manage.saved'), scope)
      if (result.outcome === 'not_waiting') keepFlash(req, 'bookingNotice', req.t('queue:manage.notWaiting'), scope)
      if (result.outcome === 'already_queued') keepFlash(req, 'bookingNotice', req.t('queue:manage.alreadyQueued'), scope)
      res.redirect(paths.manage.show(details.manageToken))
    },
  }
}
