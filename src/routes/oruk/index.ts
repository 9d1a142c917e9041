import { Router, type ErrorRequestHandler, type RequestHandler } from 'express'
import { paths } from '../../paths.js'
import type { Services } from '../../services/index.js'
import { rateLimited } from '../../middleware/rate-limit.js'
import { sendJsonError } from './json.js'
import {
  apiInfo,
  serviceAtLocationById,
  serviceAtLocationList,
  serviceById,
  serviceList,
  taxonomyById,
  taxonomyList,
  taxonomyTermById,
  taxonomyTermList,
} from './controllers.js'

/**
 * Open Referral UK's compliance rules: open to anyone without a key (but it may be throttled), and
 * CORS open to every origin so a directory's own web page can call it. ETag and Retry-After are
 * exposed so that page's script can read them. Cross-Origin-Resource-Policy undoes helmet's
 * same-origin default, which is for the service's own pages.
 */
const openToEveryOrigin: RequestHandler = (_req, res, next) => {
  res.set({
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
    'Cross-Origin-Resource-Policy': 'cross-origin',
  })
  next()
}

/** A browser asks first before sending If-None-Match from another origin. */
const preflight: RequestHandler = (req, res, next) => {
  if (req.method !== 'OPTIONS') return next()
  res.set({
    'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
    'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
    'Access-Control-Max-Age': '86400',
  })
  res.status(204).end()
}

/** Read-only: anything but GET and HEAD is refused before it counts against the rate limit. */
const readOnly: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next()
  res.set('Allow', 'GET, HEAD, OPTIONS')
  sendJsonError(res, 405, 'This API is read-only: use GET')
}

/**
 * Errors answer in JSON like everything else here: a client's (a path that is not valid percent
 * encoding, say) with its 4xx status; anything unexpected as a 500, logged like any other error.
 */
const jsonErrors =
  (services: Services): ErrorRequestHandler =>
  (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error)
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 400 && status < 500) return sendJsonError(res, status, 'The request could not be understood')
    ;(req.log ?? services.logger).error({ err: error }, 'unhandled error in the Open Referral API')
    sendJsonError(res, 500, 'Sorry, there is a problem with the service')
  }

/**
 * The Open Referral UK 3.0 API: the catalogue as JSON for family information directories and the
 * national family hubs directory. Mounted before sessions and CSRF: it is public, cookie-free and
 * read-only. See services/oruk-service.ts for what is published.
 */
export function orukRoutes(services: Services): Router {
  const router = Router()
  router.use(paths.oruk.root, openToEveryOrigin, preflight, readOnly)
  router.use(
    paths.oruk.root,
    rateLimited(services.orukRateLimit, undefined, (res, retryAfterSeconds) =>
      sendJsonError(res, 429, `Too many requests: try again in ${retryAfterSeconds} seconds`),
    ),
  )
  router.get(paths.oruk.root, apiInfo())
  router.get(paths.oruk.services, serviceList(services))
  router.get(paths.oruk.servicePattern, serviceById(services))
  router.get(paths.oruk.serviceAtLocations, serviceAtLocationList(services))
  router.get(paths.oruk.serviceAtLocationPattern, serviceAtLocationById(services))
  router.get(paths.oruk.taxonomies, taxonomyList(services))
  router.get(paths.oruk.taxonomyPattern, taxonomyById(services))
  router.get(paths.oruk.taxonomyTerms, taxonomyTermList(services))
  router.get(paths.oruk.taxonomyTermPattern, taxonomyTermById(services))
  router.use(paths.oruk.root, (_req, res) => sendJsonError(res, 404, 'Not found: see /api/oruk for this API'))
  router.use(paths.oruk.root, jsonErrors(services))
  return router
}
