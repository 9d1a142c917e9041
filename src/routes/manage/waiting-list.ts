import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { paths } from '../../paths.js'
import { managedBooking } from './load-booking.js'
import { keepNotice } from './manage-flash.js'

/** Leave the queue (a confirm page, then one POST); accept or decline an offered place (one POST each). */
export function waitingListActions(services: Services) {
  return {
    leaveView(_req: Request, res: Response) {
      const details = managedBooking(res)
      if (details.booking.status !== 'waiting' && details.booking.status !== 'offered') return res.redirect(paths.manage.show(details.manageToken))
      res.render('pages/manage/leave', { details })
    },

    async leave(req: Request, res: Response) {
      const details = managedBooking(res)
      const result = await services.booking.leaveWaitingList(details.booking.id)
      if (result.outcome === 'left') keepNotice(req, details.booking.id, 'You have left the waiting list')
      res.redirect(paths.manage.show(details.manageToken))
    },

    async accept(req: Request, res: Response) {
      const details = managedBooking(res)
      const result = await services.booking.acceptOffer(details.booking.id)
      if (result.outcome === 'confirmed') keepNotice(req, details.booking.id, 'Your place is booked')
      if (result.outcome === 'offer_expired') keepNotice(req, details.booking.id, 'Sorry, the time to accept this place has passed')
      res.redirect(paths.manage.show(details.manageToken))
    },

    async decline(req: Request, res: Response) {
      const details = managedBooking(res)
      const result = await services.booking.declineOffer(details.booking.id)
      if (result.outcome === 'declined') keepNotice(req, details.booking.id, 'You have turned down the place. It will be offered to the next family waiting')
      res.redirect(paths.manage.show(details.manageToken))
    },
  }
}
