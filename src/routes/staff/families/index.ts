import { Router } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { requirePermission } from '../../../middleware/require-permission.js'
import { searchController } from './search-controller.js'
import { newFamilyController } from './new-family-controller.js'
import { recordController } from './record-controller.js'
import { bookController } from './book-controller.js'
import { subjectAccessController } from './subject-access-controller.js'
import { bookingController } from '../bookings/booking-controller.js'

/** Reception: families and their bookings. */
export function familyRoutes(services: Services): Router {
  const router = Router()
  const find = requirePermission('families.find')
  const edit = requirePermission('families.edit')
  const manage = requirePermission('bookings.manage')
  const subjectAccess = requirePermission('families.subjectAccess')
  const search = searchController(services)
  const create = newFamilyController(services)
  const record = recordController(services)
  const book = bookController(services)
  const booking = bookingController(services)
  const access = subjectAccessController(services)

  router.get(paths.staff.families.index, find, search.view)
  router.get(paths.staff.families.new, edit, create.view)
  router.post(paths.staff.families.new, edit, create.submit)
  router.get(paths.staff.families.pattern, find, record.view)
  router.get(paths.staff.families.editPattern, edit, record.edit)
  router.post(paths.staff.families.editPattern, edit, record.editSubmit)
  router.get(paths.staff.families.consentPattern, edit, record.consent)
  router.post(paths.staff.families.consentPattern, edit, record.consentSubmit)
  router.get(paths.staff.families.referralPattern, edit, record.referral)
  router.post(paths.staff.families.referralPattern, edit, record.referralSubmit)
  router.post(paths.staff.families.childrenPattern, edit, record.addChild)
  router.post(paths.staff.families.removeChildPattern, edit, record.removeChild)
  router.get(paths.staff.families.bookPattern, manage, book.choose)
  router.post(paths.staff.families.bookPattern, manage, book.submit)
  router.get(paths.staff.families.exportPattern, subjectAccess, access.exportForm)
  router.post(paths.staff.families.exportPattern, subjectAccess, access.exportSubmit)
  router.get(paths.staff.families.erasePattern, subjectAccess, access.eraseForm)
  router.post(paths.staff.families.erasePattern, subjectAccess, access.eraseSubmit)

  router.get(paths.staff.bookings.pattern, manage, booking.view)
  router.post(paths.staff.bookings.cancelPattern, manage, booking.cancel)
  router.post(paths.staff.bookings.promotePattern, manage, booking.promote)
  router.post(paths.staff.bookings.resendPattern, manage, booking.resend)
  router.get(paths.staff.bookings.changePattern, manage, booking.change)
  router.post(paths.staff.bookings.changePattern, manage, booking.changeSubmit)
  return router
}
