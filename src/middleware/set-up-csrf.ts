import { Router } from 'express'
import { csrfSync } from 'csrf-sync'

/**
 * Synchroniser-token CSRF protection on every POST: the token lives in the session and each form
 * sends it back as the hidden field _csrf. A POST without it is refused with 403.
 */
export function setUpCsrf(): Router {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
    errorConfig: { statusCode: 403, message: 'The form has expired or was not sent from this site', code: 'EBADCSRFTOKEN' },
    // Webhooks are called by providers, not browsers; they prove themselves by signature instead.
    skipCsrfProtection: (req) => req.path.startsWith('/webhooks/'),
  })
  const router = Router()
  router.use(csrfSynchronisedProtection)
  router.use((req, res, next) => {
    // Only make a token (and so a session) where a page has a form: lazily, from the view.
    res.locals.csrfToken = () => generateToken(req)
    next()
  })
  return router
}
