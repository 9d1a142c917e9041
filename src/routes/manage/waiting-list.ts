import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { paths } from '../../paths.js'
import { managedBooking } from './load-booking.js'
import { keepFlash } from '../../middleware/flash.js'

/** Leave the queue (a confirm page, then one POST); accept or decline an offered place (one POST each). */
export function waitingListActions(services: Services) {
  return {
    leaveView(_req: Request, res: Response) {
      const details = managedBooking(res)
      if (details.booking.status !== 'waiting' && details.booking.status !== 'offered')
        return res.redirect(paths.manage.show(details.manageToken))
      res.render('pages/manage/leave', { details })
    },

    async leave(req: Request, res: Response) {
      const details = managedBooking(res)
      const result = await services.booking.leaveWaitingList(details.booking.id)
      if (result.outcome === 'left') keepFlash(req, 'bookingNotice', req.t('manage:notices.left'), String(details.booking.id))
      res.redirect(paths.manage.show(details.manageToken))
    },

    async accept(req: Request, res: Response) {
      const details = managedBooking(res)
      const result = await services.booking.acceptOffer(details.booking.id)
      // An open offer another family took first (or that closed): a clear page, never an error.
      if (result.outcome === 'place_gone') return res.render('pages/manage/place-gone', { details })
      if (result.outcome === 'confirmed') keepFlash(req, 'bookingNotice', req.t('manage:notices.accepted'), String(details.booking.id))
      if (result.outcome === 'offer_expired')
        keepFlash(req, 'bookingNotice', req.t('manage:notices.offerExpired'), String(details.booking.id))
      res.redirect(paths.manage.show(details.manageToken))
    },

    async decline(req: Request, res: Response) {
      const details = managedBooking(res)
      const result = await services.booking.declineOffer(details.booking.id)
      if (result.outcome === 'declined') keepFlash(req, 'bookingNotice', req.t('manage:notices.declined'), String(details.booking.id))
      res.redirect(paths.manage.show(details.manageToken))
    },
  }
}
