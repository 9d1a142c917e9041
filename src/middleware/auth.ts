import type { RequestHandler, Response } from 'express'
import { paths } from '../paths.js'
import { takeFlash } from './flash.js'
import type { StaffAuthService, StaffSessionData } from '../services/staff/auth-service.js'
import { can, type PolicyResource, type StaffAction, type StaffPrincipal } from '../services/staff/policy.js'

declare module 'express-session' {
  interface SessionData {
    staff?: StaffSessionData
    /** Where to go after signing in (a staff page someone asked for while signed out). */
    staffReturnTo?: string
  }
}

/**
 * On every /staff request: finds the signed-in member of staff, checking the session's generation
 * against the account's, so that "sign out everywhere", a password reset or a deactivation ends
 * every other session at its next request.
 */
export function loadStaffUser(auth: StaffAuthService): RequestHandler {
  return async (req, res, next) => {
    const session = req.session?.staff
    const user = await auth.principal(session)
    if (session && !user) delete req.session.staff
    res.locals.staffUser = user
    const notice = takeFlash(req, 'staffNotice')
    if (notice) res.locals.flash = notice
    res.locals.can = (action: StaffAction, resource?: PolicyResource) => can(user, action, resource)
    // Staff pages hold personal data: never cache them.
    res.setHeader('Cache-Control', 'no-store')
    next()
  }
}

/** Signed-out visitors go to the sign-in page, and come back here afterwards. */
export const requireStaff: RequestHandler = (req, res, next) => {
  if (res.locals.staffUser) return next()
  if (req.method === 'GET') req.session.staffReturnTo = req.originalUrl
  res.redirect(paths.staff.signIn)
}

/** The signed-in member of staff (only behind requireStaff). */
export function currentStaff(res: Response): StaffPrincipal {
  const user = res.locals.staffUser as StaffPrincipal | undefined
  if (!user) throw new Error('currentStaff used on a route without requireStaff')
  return user
}
