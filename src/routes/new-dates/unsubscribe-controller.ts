import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'

/**
 * The link in every "new dates" message. The page asks once more with a single button (a GET
 * that unsubscribed would be done by mail scanners that open links), then deletes the details.
 */
export function unsubscribeController(services: Services) {
  return {
    async view(req: Request, res: Response) {
      const subscription = await services.newDates.findByToken(String(req.params.token ?? ''))
      if (!subscription) return res.status(404).render('pages/new-dates/link-not-found')
      res.render('pages/new-dates/unsubscribe', { title: subscription.title })
    },

    async submit(req: Request, res: Response) {
      const outcome = await services.newDates.unsubscribe(String(req.params.token ?? ''))
      if (outcome === 'not_found') return res.status(404).render('pages/new-dates/link-not-found')
      res.render('pages/new-dates/unsubscribed')
    },
  }
}
