import type { RequestHandler } from 'express'
import type { Services } from '../../services/index.js'
import { parseId } from './parse-id.js'

/** A course or drop-in: every session, the hub, places left and what a parent can do next. */
export const courseController =
  (services: Services): RequestHandler =>
  async (req, res) => {
    const courseId = parseId(req.params.courseId)
    const details = courseId === undefined ? undefined : await services.catalogue.course(courseId, new Date(), req.language)
    if (!details) return res.status(404).render('pages/errors/not-found')
    res.render('pages/courses/show', details)
  }
