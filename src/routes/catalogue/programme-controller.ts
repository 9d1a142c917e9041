import type { RequestHandler } from 'express'
import type { Services } from '../../services/index.js'

/** A programme: what it is, who it is for, and its upcoming courses or drop-ins. */
export const programmeController =
  (services: Services): RequestHandler =>
  async (req, res) => {
    const details = await services.catalogue.programme(String(req.params.slug), new Date(), req.language)
    if (!details) return res.status(404).render('pages/errors/not-found')
    res.render('pages/programmes/show', details)
  }
