import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'
import { normaliseEmail, parseUkMobile } from '../../services/booking/contact-details.js'
import { isLanguage, defaultLanguage } from '../../i18n/languages.js'
import { paths } from '../../paths.js'
import { field } from '../forms/fields.js'

type Errors = Partial<Record<'email' | 'phone' | 'consent', string>>

/** "Tell me about new dates" for a programme: an email and/or mobile, and a clear yes. No account. */
export function subscribeController(services: Services) {
  async function programmeOf(req: Request) {
    return (await services.catalogue.programme(String(req.params.slug)))?.programme
  }

  return {
    async view(req: Request, res: Response) {
      const programme = await programmeOf(req)
      if (!programme) return res.status(404).render('pages/errors/not-found')
      res.render('pages/new-dates/subscribe', { programme, values: {}, errors: {} })
    },

    async submit(req: Request, res: Response) {
      const programme = await programmeOf(req)
      if (!programme) return res.status(404).render('pages/errors/not-found')
      const values = { email: field(req.body, 'email', 254), phone: field(req.body, 'phone', 30), consent: field(req.body, 'consent') }
      const email = values.email ? normaliseEmail(values.email) : null
      const phone = values.phone ? parseUkMobile(values.phone) : null
      const errors: Errors = {}
      if (!values.email && !values.phone) errors.email = req.t('queue:subscribe.errors.contact')
      if (values.email && !email) errors.email = req.t('queue:subscribe.errors.email')
      if (values.phone && !phone) errors.phone = req.t('queue:subscribe.errors.phone')
      if (values.consent !== 'yes') errors.consent = req.t('queue:subscribe.errors.consent')
      if (Object.keys(errors).length > 0) return res.status(400).render('pages/new-dates/subscribe', { programme, values, errors })
      const language = isLanguage(req.language) ? req.language : defaultLanguage
      await services.newDates.subscribe({ programmeId: programme.id, email: email ?? null, phone: phone ?? null, language })
      res.redirect(paths.newDates.subscribed(programme.slug))
    },

    async done(req: Request, res: Response) {
      const programme = await programmeOf(req)
      if (!programme) return res.status(404).render('pages/errors/not-found')
      res.render('pages/new-dates/subscribed', { programme })
    },
  }
}
