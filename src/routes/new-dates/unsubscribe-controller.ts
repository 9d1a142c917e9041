import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'

/**
 * The link in every "new dates" message: the dates to book, and one button that stops the
 * messages (a GET that unsubscribed would be done by the mail scanners that open links). A text
 * carries only this link, so that it fits one segment.
 */
export function unsubscribeController(services: Services) {
  return {
    async view(req: Request, res: Response) {
      const subscription = await services.newDates.findByToken(String(req.params.token ?? ''))
      if (!subscription) return res.status(404).render('pages/new-dates/link-not-found')
      res.render('pages/new-dates/unsubscribe', { title: subscription.title, slug: subscription.slug })
    },

    async submit(req: Request, res: Response) {
      const outcome = await services.newDates.unsubscribe(String(req.params.token ?? ''))
      if (outcome === 'not_found') return res.status(404).render('pages/new-dates/link-not-found')
      res.render('pages/new-dates/unsubscribed')
    },
  }
}
