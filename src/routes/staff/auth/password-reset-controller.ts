import type { Request, Response } from 'express'
import { z } from 'zod'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'
import { validateForm } from '../../forms/validate-form.js'
import { field } from '../../forms/fields.js'

const requestSchema = z.object({
  email: z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address in the correct format, like name@example.com'),
})

/** Passwords are not trimmed: a space is a character like any other. The service checks their strength. */
const newPasswordSchema = z
  .object({ password: z.string(), confirmPassword: z.string() })
  .refine((answer) => answer.password === answer.confirmPassword, { message: 'The passwords do not match', path: ['confirmPassword'] })

/** "Forgotten your password?": the same answer whether or not the email has an account. */
export function passwordResetController(services: Services) {
  const { auth } = services.staff
  return {
    request(_req: Request, res: Response) {
      renderForm(res, 'pages/staff/auth/forgot-password', { values: {}, errors: {} })
    },

    async requestSubmit(req: Request, res: Response) {
      const email = field(req.body, 'email')
      const checked = validateForm(requestSchema, { email })
      if (!checked.ok) return renderForm(res, 'pages/staff/auth/forgot-password', { values: { email }, errors: checked.errors })
      await auth.requestPasswordReset(email, new Date(), req.ip ?? 'unknown')
      res.render('pages/staff/auth/reset-sent', { email })
    },

    async choose(req: Request, res: Response) {
      if (!(await auth.resetLinkWorks(String(req.params.token)))) return res.status(404).render('pages/staff/auth/reset-link-expired')
      renderForm(res, 'pages/staff/auth/reset-password', { errors: {} })
    },

    async chooseSubmit(req: Request, res: Response) {
      const checked = validateForm(newPasswordSchema, {
        password: String(req.body.password ?? ''),
        confirmPassword: String(req.body.confirmPassword ?? ''),
      })
      if (!checked.ok) return renderForm(res, 'pages/staff/auth/reset-password', { errors: checked.errors })
      const { password } = checked.value
      const result = await auth.resetPassword(String(req.params.token), password)
      if (!result.ok && result.reason === 'link') return res.status(404).render('pages/staff/auth/reset-link-expired')
      if (!result.ok) return renderForm(res, 'pages/staff/auth/reset-password', { errors: { password: result.message } })
      keepFlash(req, 'staffNotice', 'Your password has been changed. Sign in with your new password.')
      res.redirect(paths.staff.signIn)
    },
  }
}
