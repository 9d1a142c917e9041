import type { RequestHandler, Response } from 'express'

/**
 * express-session writes a response's headers before its store has saved the session, and a
 * browser follows a redirect as soon as it has the headers. With the session in PostgreSQL the
 * next page could then read the session as it was before the POST: a parent's answer "lost" on the
 * way to the next question (seen in Chromium against the PostgreSQL server). So every redirect
 * waits for the session to be saved first. Sessions with nothing in them are not created.
 */
export function saveSessionBeforeRedirect(): RequestHandler {
  return (req, res, next) => {
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void
    ;(res as Response & { redirect: (...args: unknown[]) => void }).redirect = (...args: unknown[]) => {
      const session = req.session as (typeof req.session & Record<string, unknown>) | undefined
      const hasData = session && Object.keys(session).some((key) => key !== 'cookie')
      if (!session || !hasData) return redirect(...args)
      session.save((error) => (error ? next(error) : redirect(...args)))
    }
    next()
  }
}
