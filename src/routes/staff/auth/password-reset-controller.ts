import type { Request, Response } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { keepFlash } from '../../../middleware/flash.js'
import { renderForm } from '../../forms/render-form.js'

/** "Forgotten your password?": the same answer whether or not the email has an account. */
export function passwordResetController(services: Services) {
  const { auth } = services.staff
  return {
    request(_req: Request, res: Response) {
      renderForm(res, 'pages/staff/auth/forgot-password', { values: {}, errors: {} })
    },

    async requestSubmit(req: Request, res: Response) {
      const email = String(req.body.email ?? '').trim()
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        return renderForm(res, 'pages/staff/auth/forgot-password', { values: { email }, errors: { email: 'Enter an email address in the correct format, like name@example.com' } })
      }
      await auth.requestPasswordReset(email, new Date(), req.ip ?? 'unknown')
      res.render('pages/staff/auth/reset-sent', { email })
    },

    async choose(req: Request, res: Response) {
      if (!(await auth.resetLinkWorks(String(req.params.token)))) return res.status(404).render('pages/staff/auth/reset-link-expired')
      renderForm(res, 'pages/staff/auth/reset-password', { errors: {} })
    },

    async chooseSubmit(req: Request, res: Response) {
      const password = String(req.body.password ?? '')
      if (password !== String(req.body.confirmPassword ?? '')) {
        return renderForm(res, 'pages/staff/auth/reset-password', { errors: { confirmPassword: 'The passwords do not match' } })
      }
      const result = await auth.resetPassword(String(req.params.token), password)
      if (!result.ok && result.reason === 'link') return res.status(404).render('pages/staff/auth/reset-link-expired')
      if (!result.ok) return renderForm(res, 'pages/staff/auth/reset-password', { errors: { password: result.message } })
      keepFlash(req, 'staffNotice', 'Your password has been changed. Sign in with your new password.')
      res.redirect(paths.staff.signIn)
    },
  }
}
