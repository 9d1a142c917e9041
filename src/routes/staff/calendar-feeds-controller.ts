import type { Request, Response } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'
import { currentStaff } from '../../middleware/auth.js'
import { assertCan } from '../../middleware/require-permission.js'
import { keepFlash } from '../../middleware/flash.js'
import { idParam } from './form-values.js'
import { HttpError } from '../../middleware/error-handler.js'
import { feedAction, feedNotice } from '../calendar-feeds/feed-action.js'

const backToFeeds = `${paths.staff.account}#calendar-feeds`

/**
 * The account page with its "Calendar feeds" section: everyone's "my sessions" feed (the sessions
 * they are assigned to run) and, for hub managers and admins, a feed of every session at each hub
 * they may manage. The hub is checked again on every POST, not only by what the page offers.
 */
export function calendarFeedsController(services: Services) {
  const feeds = services.calendarFeeds
  return {
    async account(_req: Request, res: Response) {
      res.render('pages/staff/auth/account', { calendarFeeds: await feeds.staffFeeds(currentStaff(res)) })
    },

    async mySessions(req: Request, res: Response) {
      const user = currentStaff(res)
      const action = feedAction(req.body)
      await feeds.change({ kind: 'facilitator', staffUserId: user.id }, action, user.id)
      keepFlash(req, 'staffNotice', feedNotice[action])
      res.redirect(backToFeeds)
    },

    async hub(req: Request, res: Response) {
      const user = currentStaff(res)
      const hubId = idParam(req, 'hubId')
      assertCan(res, 'calendarFeeds.hub', { hubId })
      if (!(await feeds.hubExists(hubId))) throw new HttpError(404, 'Not found')
      const action = feedAction(req.body)
      await feeds.change({ kind: 'hub', hubId }, action, user.id)
      keepFlash(req, 'staffNotice', feedNotice[action])
      res.redirect(backToFeeds)
    },
  }
}
