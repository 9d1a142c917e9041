import type { RequestHandler, Response } from 'express'
import { can, type PolicyResource, type StaffAction } from '../services/staff/policy.js'
import { HttpError } from './error-handler.js'
import { currentStaff } from './auth.js'

/**
 * Route guard: 403 unless the signed-in member of staff may do this somewhere. Controllers then
 * check the actual hub or session with assertCan once they have loaded it.
 */
export const requirePermission =
  (action: StaffAction): RequestHandler =>
  (_req, res, next) => {
    assertCan(res, action)
    next()
  }

export function assertCan(res: Response, action: StaffAction, resource?: PolicyResource): void {
  if (!can(currentStaff(res), action, resource)) throw new HttpError(403, 'You do not have permission to do that.')
}
