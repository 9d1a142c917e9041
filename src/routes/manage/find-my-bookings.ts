import type { Request, Response } from 'express'
import { z } from 'zod'
import type { Services } from '../../services/index.js'
import { normaliseEmail } from '../../services/booking/contact-details.js'
import { paths } from '../../paths.js'
import { field } from '../forms/fields.js'
import { govukErrors } from '../forms/zod-errors.js'
import { keepFormErrors, takeFormErrors } from '../../middleware/flash.js'
import { clientAddress, rateLimited } from '../../middleware/rate-limit.js'
import { renderForm } from '../forms/render-form.js'
import type { Translate } from '../../i18n/translator.js'
import { languageChosen, renderIn } from '../../middleware/language.js'

const findSchema = (t: Translate) =>
  z.object({
    email: z
      .string()
      .min(1, t('manage:errors.emailMissing'))
      .refine((email) => normaliseEmail(email), t('manage:errors.emailFormat')),
  })

/**
 * "Find my bookings": ask for an email address, send a link that lists its bookings. The answer
 * is the same whether or not we know the address. Limited per client address and per email
 * address, so it cannot be used to flood someone's inbox or to probe for addresses.
 */
export function findMyBookings(services: Services) {
  return {
    // Counted only once the address is valid: per client address, then per email address.
    limit: rateLimited(services.rateLimits.findMyBookings, (req) => {
      const email = normaliseEmail(field(req.body, 'email'))
      return email ? [`ip:${clientAddress(req)}`, `email:${email}`] : []
    }),

    view(req: Request, res: Response) {
      const kept = takeFormErrors(req, req.path)
      renderForm(res, 'pages/manage/find-my-bookings', { errors: kept?.errors ?? {}, values: kept?.values ?? {} })
    },

    async submit(req: Request, res: Response) {
      const typed = field(req.body, 'email')
      const parsed = findSchema(req.t).safeParse({ email: typed })
      const email = normaliseEmail(typed)
      if (!parsed.success || !email) {
        keepFormErrors(req, req.path, parsed.success ? {} : govukErrors(parsed.error).fields, { email: typed })
        return res.redirect(paths.manage.findMyBookings)
      }
      // The email is written in the language of the page they asked on.
      await services.findMyBookings.requestLink(email, req.language)
      res.redirect(paths.manage.findMyBookingsSent)
    },

    sent(_req: Request, res: Response) {
      res.render('pages/manage/find-my-bookings-sent')
    },

    async list(req: Request, res: Response) {
      const found = await services.findMyBookings.bookingsFor(String(req.params.token ?? ''))
      res.set('Cache-Control', 'no-store')
      if (!found) return res.status(404).render('pages/manage/link-not-found', { accessLink: true })
      // Opened from the email with no language chosen in this visit: the language of their newest booking (listed first).
      const latest = found.bookings[0]
      if (latest && !languageChosen(req)) renderIn(req, res, latest.booking.language)
      res.render('pages/manage/your-bookings', { found })
    },
  }
}
