import type { Request, Response } from 'express'
import { paths } from '../../../paths.js'
import type { Services } from '../../../services/index.js'
import { currentStaff } from '../../../middleware/auth.js'

export function signOutController(services: Services) {
  return {
    /** This browser only. */
    async signOut(req: Request, res: Response) {
      await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())))
      res.clearCookie('fh.sid')
      res.redirect(paths.staff.signIn)
    },

    /** Every browser: the account's session generation goes up, so all its sessions end. */
    async everywhere(req: Request, res: Response) {
      await services.staff.auth.signOutEverywhere(currentStaff(res).id)
      await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())))
      res.clearCookie('fh.sid')
      res.redirect(paths.staff.signIn)
    },
  }
}
