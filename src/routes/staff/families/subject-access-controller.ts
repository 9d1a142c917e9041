import type { Request, Response } from 'express'
import { z } from 'zod'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'
import { validateForm } from '../../forms/validate-form.js'
import { body, checked, idParam, notFoundUnless, text } from '../form-values.js'

const REASON_MAX = 1000

const reason = z.string().min(1, 'Enter the reason for this request').max(REASON_MAX, `Reason must be ${REASON_MAX} characters or fewer`)
const exportSchema = z.object({ reason })
const eraseSchema = z.object({
  reason,
  confirm: z.boolean().refine((yes) => yes, 'Confirm that you understand erasure cannot be undone'),
})

/**
 * Subject access requests (admins only, 'families.subjectAccess' on the routes): download a copy of
 * everything held about a family, or erase it. Each asks for the reason, kept in the audit log.
 */
export function subjectAccessController(services: Services) {
  const families = services.staff.families
  const dataProtection = services.staff.dataProtection
  const load = async (req: Request) => notFoundUnless(await families.record(idParam(req, 'familyId')))
  return {
    async exportForm(req: Request, res: Response) {
      const { family } = await load(req)
      renderForm(res, 'pages/staff/families/export', { family, values: { reason: '' }, errors: {} })
    },

    async exportSubmit(req: Request, res: Response) {
      const { family } = await load(req)
      const values = { reason: text(body(req), 'reason', REASON_MAX + 1) }
      const form = validateForm(exportSchema, values)
      if (!form.ok) return renderForm(res, 'pages/staff/families/export', { family, values, errors: form.errors })
      const download = notFoundUnless(await dataProtection.exportFamily(currentStaff(res), family.id, form.value.reason))
      res.type('application/zip')
      res.attachment(download.filename)
      res.send(Buffer.from(download.zip))
    },

    async eraseForm(req: Request, res: Response) {
      const { family } = await load(req)
      if (family.anonymisedAt) return res.redirect(paths.staff.families.show(family.id))
      renderForm(res, 'pages/staff/families/erase', { family, values: { reason: '', confirm: [] }, errors: {} })
    },

    async eraseSubmit(req: Request, res: Response) {
      const { family } = await load(req)
      const form = body(req)
      const values = { reason: text(form, 'reason', REASON_MAX + 1), confirm: checked(form, 'confirm') }
      const answer = validateForm(eraseSchema, values)
      if (!answer.ok)
        return renderForm(res, 'pages/staff/families/erase', {
          family,
          values: { reason: values.reason, confirm: values.confirm ? ['yes'] : [] },
          errors: answer.errors,
        })
      const outcome = await dataProtection.erase(currentStaff(res), family.id, answer.value.reason)
      keepFlash(
        req,
        'staffNotice',
        outcome === 'erased' ? 'The family’s personal data has been erased' : 'This family’s personal data was already erased',
      )
      res.redirect(paths.staff.families.show(family.id))
    },
  }
}
