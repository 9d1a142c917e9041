import type { CatalogueRepository } from '../data/catalogue-repository.js'
import { topicLabel, topicLabels } from './catalogue/topics.js'
import { PageDataCache } from './catalogue/page-data-cache.js'
import type {
  CourseRun,
  OrukRecords,
  OrukService as OrukServiceRecord,
  OrukServiceAtLocationSummary,
  OrukServiceSummary,
  OrukTaxonomy,
  OrukTaxonomyTerm,
} from './oruk/records.js'
import { offsetOf, pageOf, type OrukPage, type PageRequest } from './oruk/pages.js'

export interface ServiceListRequest extends PageRequest {
  /** Free text: each word must appear in the programme (as the catalogue's search box). */
  search?: string
  /** Only services with this topic (a taxonomy term's id). */
  taxonomyTermId?: string
}

/** At most this many search words, as the catalogue page allows. */
const MAX_SEARCH_WORDS = 10

/**
 * The catalogue as Open Referral UK 3.0 records (see oruk/records.ts): read-only, for family
 * information directories. Services are the courses and drop-ins the catalogue lists (not
 * cancelled, a session still to come); one found by id is returned whatever its state, marked
 * inactive or defunct, so a directory that listed it learns it has gone.
 */
export class OrukService {
  private readonly cache = new PageDataCache()

  constructor(
    private readonly repository: CatalogueRepository,
    readonly records: OrukRecords,
  ) {}

  /** Reused until the catalogue changes or the next session starts, like the catalogue pages (CatalogueService.cached). */
  private async cached<T>(key: string, now: Date, build: () => Promise<T>): Promise<T> {
    return this.cache.get(key, await this.repository.versionStamp(now), build)
  }

  services(request: ServiceListRequest, now = new Date()): Promise<OrukPage<OrukServiceSummary>> {
    return this.cached(`services:${JSON.stringify(request)}`, now, () => this.runs(request, now, (run) => this.records.summary(run, now)))
  }

  /** The same runs as services(), each as the service at its hub (or online). */
  serviceAtLocations(request: ServiceListRequest, now = new Date()): Promise<OrukPage<OrukServiceAtLocationSummary>> {
    return this.cached(`service-at-locations:${JSON.stringify(request)}`, now, () =>
      this.runs(request, now, (run) => this.records.serviceAtLocationSummary(run, now)),
    )
  }

  /** One page of the courses and drop-ins the catalogue lists, soonest first, as `toRecord` makes them. */
  private async runs<T>(request: ServiceListRequest, now: Date, toRecord: (run: CourseRun) => T): Promise<OrukPage<T>> {
    const words = (request.search ?? '').split(/\s+/).filter((word) => word !== '')
    let topic: string | undefined
    if (request.taxonomyTermId !== undefined) {
      topic = (await this.topicSlugs()).find((slug) => this.records.topicId(slug) === request.taxonomyTermId)
      if (topic === undefined) return pageOf([], 0, request)
    }
    const filters = { ...(topic ? { topic } : {}), ...(words.length > 0 ? { words: words.slice(0, MAX_SEARCH_WORDS) } : {}) }
    const total = await this.repository.countListings(filters, now)
    const rows = await this.repository.findListings(filters, now, { limit: request.perPage, offset: offsetOf(request) })
    const sessions = await this.repository.sessionsOnFor(rows.map((row) => row.course.id))
    const contents = rows.map((row) => toRecord({ ...row, sessions: sessions.filter((session) => session.courseId === row.course.id) }))
    return pageOf(contents, total, request)
  }

  service(id: string, now = new Date()): Promise<OrukServiceRecord | undefined> {
    return this.fullService('service', id, now)
  }

  /** Open Referral answers a service at location's id with the whole service (openapi.json). */
  serviceAtLocation(id: string, now = new Date()): Promise<OrukServiceRecord | undefined> {
    return this.fullService('service-at-location', id, now)
  }

  private fullService(kind: 'service' | 'service-at-location', id: string, now: Date): Promise<OrukServiceRecord | undefined> {
    return this.cached(`${kind}:${id}`, now, async () => {
      const courseId = (await this.courseIdsByUuid(now))[`${kind}:${id}`]
      if (courseId === undefined) return undefined
      const found = await this.repository.findCourse(courseId)
      if (!found) return undefined
      const sessions = (await this.repository.sessionsOf(courseId)).filter((session) => session.cancelledAt === null)
      return this.records.service({ ...found, sessions }, now)
    })
  }

  /**
   * Every course's service UUID and service-at-location UUID, with the course's id: a UUID cannot
   * be turned back into the number it was made from.
   */
  private courseIdsByUuid(now: Date): Promise<Record<string, number>> {
    return this.cached('course-uuids', now, async () =>
      Object.fromEntries(
        (await this.repository.allCourseKeys()).flatMap(({ id, hubId }) => [
          [`service:${this.records.serviceId(id)}`, id],
          [`service-at-location:${this.records.serviceAtLocationId(id, hubId)}`, id],
        ]),
      ),
    )
  }

  taxonomies(request: PageRequest): OrukPage<OrukTaxonomy> {
    const all = [this.records.taxonomy()]
    return pageOf(all.slice(offsetOf(request), offsetOf(request) + request.perPage), all.length, request)
  }

  taxonomy(id: string): OrukTaxonomy | undefined {
    const taxonomy = this.records.taxonomy()
    return taxonomy.id === id ? taxonomy : undefined
  }

  async taxonomyTerms(request: PageRequest, now = new Date()): Promise<OrukPage<OrukTaxonomyTerm>> {
    const all = await this.topicTerms(now)
    return pageOf(all.slice(offsetOf(request), offsetOf(request) + request.perPage), all.length, request)
  }

  async taxonomyTerm(id: string, now = new Date()): Promise<OrukTaxonomyTerm | undefined> {
    return (await this.topicTerms(now)).find((term) => term.id === id)
  }

  /** The strategy's topics and any other topic a programme uses, by label. */
  private topicTerms(now: Date): Promise<OrukTaxonomyTerm[]> {
    return this.cached('topics', now, async () => (await this.topicSlugs()).map((slug) => this.records.topic(slug)))
  }

  private async topicSlugs(): Promise<string[]> {
    const slugs = new Set([...Object.keys(topicLabels), ...(await this.repository.topicsInUse())])
    return [...slugs].sort((a, b) => topicLabel(a).localeCompare(topicLabel(b)))
  }
}
