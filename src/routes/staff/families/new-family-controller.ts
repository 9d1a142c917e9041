import type { Request, Response } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { body } from '../form-values.js'
import { readConsent, readFamilyDetails } from './family-form.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'

/** A record for a family who phoned or came in and is not in the system yet. */
export function newFamilyController(services: Services) {
  return {
    view(_req: Request, res: Response) {
      renderForm(res, 'pages/staff/families/new', { values: { contact: [] }, errors: {} })
    },

    async submit(req: Request, res: Response) {
      const form = body(req)
      const details = readFamilyDetails(form)
      const consent = readConsent(form, { email: details.details?.email ?? null, phone: details.details?.phone ?? null })
      const errors = { ...details.errors, ...consent.errors }
      if (!details.details || !consent.consent)
        return renderForm(res, 'pages/staff/families/new', { values: { ...details.values, ...consent.values }, errors })
      const family = await services.staff.families.create(currentStaff(res), details.details, consent.consent)
      keepFlash(req, 'staffNotice', 'Family record added')
      res.redirect(paths.staff.families.show(family.id))
    },
  }
}
