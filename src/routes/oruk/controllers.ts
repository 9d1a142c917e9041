import type { RequestHandler } from 'express'
import type { Services } from '../../services/index.js'
import type { ServiceListRequest } from '../../services/oruk-service.js'
import { sendCacheableJson, sendJsonError } from './json.js'
import { optionalText, pageParams } from './page-params.js'

/** What the validator and directories read first: the standard and version this API follows. */
export const apiInfo = (): RequestHandler => (req, res) => {
  sendCacheableJson(req, res, {
    version: 'HSDS-UK-3.0',
    profile: 'https://openreferraluk.org/',
    openapi_url: 'https://openreferraluk.org/specifications/3.0/openapi.json',
  })
}

/** services or service_at_locations: one page of course runs, optionally searched or by topic. */
const runList =
  (list: (request: ServiceListRequest) => Promise<unknown>): RequestHandler =>
  async (req, res) => {
    const query = req.query as Record<string, unknown>
    const page = pageParams(query)
    if (!page.ok) return sendJsonError(res, 400, page.message)
    const search = optionalText(query.search, 'search')
    if (!search.ok) return sendJsonError(res, 400, search.message)
    const taxonomyTermId = optionalText(query.taxonomy_term_id, 'taxonomy_term_id')
    if (!taxonomyTermId.ok) return sendJsonError(res, 400, taxonomyTermId.message)
    const body = await list({
      ...page.value,
      ...(search.value ? { search: search.value } : {}),
      ...(taxonomyTermId.value ? { taxonomyTermId: taxonomyTermId.value } : {}),
    })
    sendCacheableJson(req, res, body)
  }

export const serviceList = ({ oruk }: Services): RequestHandler => runList((request) => oruk.services(request))

export const serviceAtLocationList = ({ oruk }: Services): RequestHandler => runList((request) => oruk.serviceAtLocations(request))

export const serviceById =
  ({ oruk }: Services): RequestHandler =>
  async (req, res) => {
    const service = await oruk.service(String(req.params.id))
    if (!service) return sendJsonError(res, 404, 'No service has this id')
    sendCacheableJson(req, res, service)
  }

export const serviceAtLocationById =
  ({ oruk }: Services): RequestHandler =>
  async (req, res) => {
    const service = await oruk.serviceAtLocation(String(req.params.id))
    if (!service) return sendJsonError(res, 404, 'No service at location has this id')
    sendCacheableJson(req, res, service)
  }

export const taxonomyList =
  ({ oruk }: Services): RequestHandler =>
  (req, res) => {
    const page = pageParams(req.query as Record<string, unknown>)
    if (!page.ok) return sendJsonError(res, 400, page.message)
    sendCacheableJson(req, res, oruk.taxonomies(page.value))
  }

export const taxonomyById =
  ({ oruk }: Services): RequestHandler =>
  (req, res) => {
    const taxonomy = oruk.taxonomy(String(req.params.id))
    if (!taxonomy) return sendJsonError(res, 404, 'No taxonomy has this id')
    sendCacheableJson(req, res, taxonomy)
  }

export const taxonomyTermList =
  ({ oruk }: Services): RequestHandler =>
  async (req, res) => {
    const page = pageParams(req.query as Record<string, unknown>)
    if (!page.ok) return sendJsonError(res, 400, page.message)
    sendCacheableJson(req, res, await oruk.taxonomyTerms(page.value))
  }

export const taxonomyTermById =
  ({ oruk }: Services): RequestHandler =>
  async (req, res) => {
    const term = await oruk.taxonomyTerm(String(req.params.id))
    if (!term) return sendJsonError(res, 404, 'No taxonomy term has this id')
    sendCacheableJson(req, res, term)
  }
