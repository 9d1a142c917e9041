import { Router } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'
import { loadStaffUser, requireStaff } from '../../middleware/auth.js'
import { requirePermission } from '../../middleware/require-permission.js'
import { roleNames } from '../../services/staff/policy.js'
import { formatUkPhone } from '../../services/booking/contact-details.js'
import { staffNavigation } from './navigation.js'
import { signInController } from './auth/sign-in-controller.js'
import { signOutController } from './auth/sign-out-controller.js'
import { passwordResetController } from './auth/password-reset-controller.js'
import { homeController } from './home-controller.js'
import { familyRoutes } from './families/index.js'
import { sessionRoutes } from './sessions/index.js'
import { manageRoutes } from './manage/index.js'
import { adminRoutes } from './admin/index.js'
import { calendarFeedsController } from './calendar-feeds-controller.js'
import { reportRoutes } from './reports/index.js'
import { emptyPlacesController } from './empty-places-controller.js'

/**
 * The staff area under /staff. Every route past the sign-in pages needs a signed-in member of
 * staff (requireStaff) and names the permission it needs (requirePermission); controllers check
 * the actual hub or session again once they have loaded it (assertCan).
 */
export function staffRoutes(services: Services): Router {
  const router = Router()
  router.use(paths.staff.home, loadStaffUser(services.staff.auth), (_req, res, next) => {
    res.locals.layout = 'layouts/staff'
    res.locals.roleNames = roleNames
    res.locals.formatPhone = formatUkPhone
    if (res.locals.staffUser) res.locals.navigation = staffNavigation(res.locals.staffUser)
    next()
  })

  const signIn = signInController(services)
  const reset = passwordResetController(services)
  router.get(paths.staff.signIn, signIn.view)
  router.post(paths.staff.signIn, signIn.submit)
  router.get(paths.staff.forgotPassword, reset.request)
  router.post(paths.staff.forgotPassword, reset.requestSubmit)
  router.get(paths.staff.resetPattern, reset.choose)
  router.post(paths.staff.resetPattern, reset.chooseSubmit)

  // Everything below needs a signed-in member of staff.
  router.use(paths.staff.home, requireStaff)
  const signOut = signOutController(services)
  const home = homeController(services)
  router.post(paths.staff.signOut, signOut.signOut)
  router.post(paths.staff.signOutEverywhere, signOut.everywhere)
  const calendarFeeds = calendarFeedsController(services)
  router.get(paths.staff.account, requirePermission('home.view'), calendarFeeds.account)
  router.post(paths.staff.calendarFeeds.mySessions, requirePermission('sessions.mine'), calendarFeeds.mySessions)
  router.post(paths.staff.calendarFeeds.hubPattern, requirePermission('calendarFeeds.hub'), calendarFeeds.hub)
  router.get(paths.staff.home, requirePermission('home.view'), home.view)
  router.use(familyRoutes(services))
  router.use(sessionRoutes(services))
  router.use(manageRoutes(services))
  router.use(adminRoutes(services))
  router.use(reportRoutes(services))
  router.post(paths.staff.offerToEveryonePattern, requirePermission('offers.openToAll'), emptyPlacesController(services).offerToEveryone)
  return router
}
