import { Router } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'
import { searchController } from './search-controller.js'
import { programmeController } from './programme-controller.js'
import { courseController } from './course-controller.js'

/** The public catalogue: find a course or drop-in, read about a programme or one run of it. */
export function catalogueRoutes(services: Services): Router {
  const router = Router()
  router.get(paths.home, searchController(services))
  router.get(paths.programmes.pattern, programmeController(services))
  router.get(paths.courses.pattern, courseController(services))
  return router
}
