import type { Request, Response } from 'express'
import { z } from 'zod'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'
import { referralSourceNames, referralSources, type ReferralSource } from '../../../services/staff/family-service.js'
import { body, checked, idParam, notFoundUnless, optionalText, refuseIfErased, text } from '../form-values.js'
import { familyFormValues, readConsent, readFamilyDetails } from './family-form.js'
import { readChild } from './child-form.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'
import { validateForm } from '../../forms/validate-form.js'

const referralSchema = z.object({
  referredBy: z
    .string()
    .refine((source) => !source || (referralSources as readonly string[]).includes(source), 'Select who referred the family'),
})

/** The family record: view it, edit details, record consent and referral, add or remove children. */
export function recordController(services: Services) {
  const families = services.staff.families
  const load = async (req: Request) => notFoundUnless(await families.record(idParam(req, 'familyId')))
  /** For every change: an erased family's record stays empty. */
  const loadEditable = async (req: Request) => {
    const record = await load(req)
    refuseIfErased(record.family)
    return record
  }
  return {
    async view(req: Request, res: Response) {
      const record = await load(req)
      renderForm(res, 'pages/staff/families/record', { ...record, referralSourceNames, childValues: {}, childErrors: {} })
    },

    async edit(req: Request, res: Response) {
      const { family } = await loadEditable(req)
      renderForm(res, 'pages/staff/families/edit', { family, values: familyFormValues(family), errors: {} })
    },

    async editSubmit(req: Request, res: Response) {
      const { family } = await loadEditable(req)
      const { values, errors, details } = readFamilyDetails(body(req))
      if (!details) return renderForm(res, 'pages/staff/families/edit', { family, values, errors })
      const result = await families.updateDetails(currentStaff(res), family.id, details)
      if (!result.ok) return renderForm(res, 'pages/staff/families/edit', { family, values, errors: { email: result.message } })
      keepFlash(req, 'staffNotice', 'Family details saved')
      res.redirect(paths.staff.families.show(family.id))
    },

    async consent(req: Request, res: Response) {
      const { family } = await loadEditable(req)
      const contact = [family.contactByEmail && 'email', family.contactBySms && 'sms'].filter(Boolean)
      renderForm(res, 'pages/staff/families/consent', { family, values: { contact, consentSource: '' }, errors: {} })
    },

    async consentSubmit(req: Request, res: Response) {
      const { family } = await loadEditable(req)
      const { values, errors, consent } = readConsent(body(req), family)
      if (!consent) return renderForm(res, 'pages/staff/families/consent', { family, values, errors })
      await families.recordConsent(currentStaff(res), family.id, consent)
      keepFlash(req, 'staffNotice', 'Contact preferences and consent recorded')
      res.redirect(paths.staff.families.show(family.id))
    },

    async referral(req: Request, res: Response) {
      const { family } = await loadEditable(req)
      const values = {
        referredBy: family.referredBy ?? '',
        referralNotes: family.referralNotes ?? '',
        priority: family.priority ? ['yes'] : [],
      }
      renderForm(res, 'pages/staff/families/referral', { family, values, errors: {}, referralSources, referralSourceNames })
    },

    async referralSubmit(req: Request, res: Response) {
      const { family } = await loadEditable(req)
      const form = body(req)
      const referredBy = text(form, 'referredBy', 30)
      const values = { referredBy, referralNotes: text(form, 'referralNotes', 1000), priority: checked(form, 'priority') ? ['yes'] : [] }
      const referral = validateForm(referralSchema, values)
      if (!referral.ok)
        return renderForm(res, 'pages/staff/families/referral', {
          family,
          values,
          errors: referral.errors,
          referralSources,
          referralSourceNames,
        })
      await families.setReferral(currentStaff(res), family.id, {
        referredBy: (referredBy || null) as ReferralSource | null,
        referralNotes: optionalText(form, 'referralNotes', 1000),
        priority: checked(form, 'priority'),
      })
      keepFlash(req, 'staffNotice', 'Referral saved')
      res.redirect(paths.staff.families.show(family.id))
    },

    async addChild(req: Request, res: Response) {
      const record = await loadEditable(req)
      const { values, errors, child } = readChild(body(req))
      if (!child)
        return renderForm(
          res,
          'pages/staff/families/record',
          { ...record, referralSourceNames, childValues: values, childErrors: errors },
          errors,
        )
      await families.addChild(currentStaff(res), record.family.id, child)
      keepFlash(req, 'staffNotice', `${child.firstName} added`)
      res.redirect(paths.staff.families.show(record.family.id))
    },

    async removeChild(req: Request, res: Response) {
      const familyId = (await loadEditable(req)).family.id
      await families.removeChild(currentStaff(res), familyId, idParam(req, 'childId'))
      keepFlash(req, 'staffNotice', 'Child removed from the record')
      res.redirect(paths.staff.families.show(familyId))
    },
  }
}
