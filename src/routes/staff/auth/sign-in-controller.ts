import type { Request, Response } from 'express'
import { z } from 'zod'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { renderForm } from '../../forms/render-form.js'
import { validateForm } from '../../forms/validate-form.js'
import { field } from '../../forms/fields.js'

const WRONG = 'Enter a correct email address and password'

/** Something missing reads as a wrong answer, with the one message that gives nothing away. */
const signInSchema = z
  .object({ email: z.string(), password: z.string() })
  .refine((answer) => answer.email && answer.password, { message: WRONG, path: ['email'] })

/** Staff sign-in. The message never says whether the email or the password was wrong. */
export function signInController(services: Services) {
  const { auth } = services.staff
  return {
    view(_req: Request, res: Response) {
      if (res.locals.staffUser) return res.redirect(paths.staff.home)
      renderForm(res, 'pages/staff/auth/sign-in', { values: {}, errors: {} })
    },

    async submit(req: Request, res: Response) {
      const email = field(req.body, 'email')
      const password = String(req.body.password ?? '')
      const answered = validateForm(signInSchema, { email, password })
      const result = answered.ok ? await auth.signIn(email, password, req.ip ?? 'unknown') : ({ ok: false, reason: 'wrong' } as const)
      if (!result.ok) {
        const message =
          result.reason === 'locked'
            ? `Too many attempts to sign in. Try again in ${result.minutes} ${result.minutes === 1 ? 'minute' : 'minutes'}.`
            : WRONG
        return renderForm(result.reason === 'locked' ? res.status(429) : res, 'pages/staff/auth/sign-in', {
          values: { email },
          errors: { email: message },
        })
      }
      const returnTo = safeReturnTo(req.session.staffReturnTo)
      // A new session id at sign-in: an id planted before sign-in (session fixation) is worthless.
      await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())))
      req.session.staff = result.session
      await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())))
      res.redirect(returnTo)
    },
  }
}

/** Only a staff page on this site: never an absolute or protocol-relative URL. */
function safeReturnTo(value: string | undefined): string {
  return value && /^\/staff(\/|$|\?)/.test(value) && !value.startsWith('//') ? value : paths.staff.home
}
