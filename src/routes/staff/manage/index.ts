import { Router } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { requirePermission } from '../../../middleware/require-permission.js'
import { hubsController } from './hubs-controller.js'
import { programmesController } from './programmes-controller.js'
import { coursesController } from './courses-controller.js'
import { sessionChangesController } from './session-changes-controller.js'

/** Managers: hubs, programmes, courses, drop-ins and sessions. */
export function manageRoutes(services: Services): Router {
  const router = Router()
  const hubs = hubsController(services)
  const programmes = programmesController(services)
  const courses = coursesController(services)
  const sessions = sessionChangesController(services)
  const manageCourses = requirePermission('courses.manage')

  router.get(paths.staff.hubs.index, requirePermission('hubs.edit'), hubs.list)
  router.get(paths.staff.hubs.new, requirePermission('hubs.create'), hubs.newHub)
  router.post(paths.staff.hubs.new, requirePermission('hubs.create'), hubs.create)
  router.get(paths.staff.hubs.editPattern, requirePermission('hubs.edit'), hubs.edit)
  router.post(paths.staff.hubs.editPattern, requirePermission('hubs.edit'), hubs.update)

  router.get(paths.staff.programmes.index, requirePermission('programmes.manage'), programmes.list)
  router.get(paths.staff.programmes.new, requirePermission('programmes.manage'), programmes.newProgramme)
  router.post(paths.staff.programmes.new, requirePermission('programmes.manage'), programmes.create)
  router.get(paths.staff.programmes.editPattern, requirePermission('programmes.manage'), programmes.edit)
  router.post(paths.staff.programmes.editPattern, requirePermission('programmes.manage'), programmes.update)

  router.get(paths.staff.courses.index, manageCourses, courses.list)
  router.get(paths.staff.courses.new, manageCourses, courses.newCourse('course'))
  router.post(paths.staff.courses.new, manageCourses, courses.create('course'))
  router.get(paths.staff.courses.newDropIn, manageCourses, courses.newCourse('drop_in'))
  router.post(paths.staff.courses.newDropIn, manageCourses, courses.create('drop_in'))
  router.get(paths.staff.courses.pattern, manageCourses, courses.view)
  router.post(paths.staff.courses.capacityPattern, manageCourses, courses.capacity)
  router.post(paths.staff.courses.bookingOpenPattern, manageCourses, courses.bookingOpen)
  router.post(paths.staff.courses.facilitatorsPattern, manageCourses, courses.facilitators)

  router.get(paths.staff.sessions.cancelPattern, manageCourses, sessions.cancel)
  router.post(paths.staff.sessions.cancelPattern, manageCourses, sessions.cancelSubmit)
  router.get(paths.staff.sessions.movePattern, manageCourses, sessions.move)
  router.post(paths.staff.sessions.movePattern, manageCourses, sessions.moveSubmit)
  router.post(paths.staff.sessions.facilitatorsPattern, manageCourses, sessions.facilitators)
  return router
}
