import type { Request, Response } from 'express'
import type { Services } from '../../../services/index.js'

/** Find a family by name, phone, email, postcode or booking reference: one box. */
export function searchController(services: Services) {
  return {
    async view(req: Request, res: Response) {
      const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : ''
      const found = q ? await services.staff.families.search(q) : undefined
      res.render('pages/staff/families/search', { q, found })
    },
  }
}
