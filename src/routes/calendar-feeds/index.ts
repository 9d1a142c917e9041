import { Router, type Request, type Response } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'

/**
 * The private calendar subscription feed. Calendar apps poll it (every few hours at most), so it
 * answers conditional requests with 304 when nothing changed. A wrong or revoked token gets a bare
 * 404 that says nothing about why. Not rate-limited, like the manage link's pages: the token has
 * 256 bits, and a poll costs a few indexed reads.
 */
export function calendarFeedRoutes(services: Services): Router {
  const router = Router()
  router.get(paths.calendarFeed.pattern, async (req: Request, res: Response) => {
    const feed = await services.calendarFeeds.document(String(req.params.token ?? ''))
    if (!feed) {
      res.set('Cache-Control', 'no-store')
      return res.status(404).type('text/plain').send('Not found')
    }
    // Private to whoever holds the link; calendars may reuse it for five minutes, then revalidate.
    res.set({ 'Cache-Control': 'private, max-age=300', ETag: feed.etag, 'Last-Modified': feed.lastModified.toUTCString() })
    res.type('text/calendar; charset=utf-8')
    // req.fresh weighs If-None-Match first, then If-Modified-Since, against the headers set above.
    if (req.fresh) return res.status(304).end()
    res.send(feed.body)
  })
  return router
}
