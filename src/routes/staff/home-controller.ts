import type { Request, Response } from 'express'
import type { Services } from '../../services/index.js'

export function homeController(_services: Services) {
  return {
    view(_req: Request, res: Response) {
      res.render('pages/staff/home')
    },
  }
}
