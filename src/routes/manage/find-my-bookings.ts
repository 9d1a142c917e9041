import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { normaliseEmail } from '../../services/booking/contact-details.js'
import { paths } from '../../paths.js'
import { field, keepFormErrors, takeFormErrors } from '../booking/form-flash.js'
import { clientAddress, tooManyRequests } from '../booking/rate-limit.js'

/**
 * "Find my bookings": ask for an email address, send a link that lists its bookings. The answer
 * is the same whether or not we know the address. Limited per client address and per email
 * address, so it cannot be used to flood someone's inbox or to probe for addresses.
 */
export function findMyBookings(services: Services) {
  return {
    view(req: Request, res: Response) {
      const kept = takeFormErrors(req, req.path)
      res.render('pages/manage/find-my-bookings', { errors: kept?.errors ?? {}, values: kept?.values ?? {} })
    },

    async submit(req: Request, res: Response) {
      const typed = field(req.body, 'email')
      const email = normaliseEmail(typed)
      if (!email) {
        const message = typed ? 'Enter an email address in the correct format, like name@example.com' : 'Enter your email address'
        keepFormErrors(req, req.path, { email: message }, { email: typed })
        return res.redirect(paths.manage.findMyBookings)
      }
      for (const key of [`ip:${clientAddress(req)}`, `email:${email}`]) {
        const result = await services.rateLimits.findMyBookings.hit(key)
        if (!result.allowed) return tooManyRequests(res, result.retryAfterSeconds)
      }
      await services.findMyBookings.requestLink(email)
      res.redirect(paths.manage.findMyBookingsSent)
    },

    sent(_req: Request, res: Response) {
      res.render('pages/manage/find-my-bookings-sent')
    },

    async list(req: Request, res: Response) {
      const found = await services.findMyBookings.bookingsFor(String(req.params.token ?? ''))
      res.set('Cache-Control', 'no-store')
      if (!found) return res.status(404).render('pages/manage/link-not-found', { accessLink: true })
      res.render('pages/manage/your-bookings', { found })
    },
  }
}
