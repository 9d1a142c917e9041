import { expect } from 'chai'
import request from 'supertest'
import { eq } from 'drizzle-orm'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { bookPlaces } from '../catalogue/catalogue-helpers.js'
import { orukValidator, problems, type OrukEndpoint } from '../../support/oruk-schemas.js'
import { courses } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { LONDON } from '../../../src/time.js'

/** A London date this many weeks ahead, on a Tuesday, as the builders take it. */
const tuesdayIn = (weeks: number): string => DateTime.now().setZone(LONDON).plus({ weeks }).set({ weekday: 2 }).toISODate()!

/** Checks a body against the standard's schema for the endpoint and fails with what is wrong. */
function expectValid(endpoint: OrukEndpoint, body: unknown): void {
  const validate = orukValidator(endpoint)
  expect(validate(body), `${endpoint}: ${problems(validate)}`).to.equal(true)
}

const PAGE_FIELDS = ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents']

describe('Open Referral UK API', () => {
  const t = useTestApp()

  /** A hub with everything a location can say, a programme for ages 3 to 8, and a weekly course there. */
  async function aWeeklyCourse(capacity = 8) {
    const hub = await aHub({
      name: 'Foleshill Family Hub',
      addressLines: ['Broad Street', 'Coventry'],
      postcode: 'CV6 5BG',
      phone: '024 7678 8330',
      email: 'foleshill@example.gov.uk',
      stepFree: true,
      parking: true,
      babyChange: true,
      accessibilityNotes: 'Hearing loop at reception',
    })
    const programme = await aProgramme({
      title: 'Understanding your child',
      topics: ['child-behaviour', 'emotional-wellbeing'],
      childAgeFromMonths: 36,
      childAgeToMonths: 96,
    })
    const { course } = await aCourse({
      programmeId: programme.id,
      hubId: hub.id,
      capacity,
      sessions: weekly(tuesdayIn(2), 4, '10:00', '12:00'),
    })
    return { hub, programme, course }
  }

  const get = (path: string) => request(t.app).get(path)

  async function serviceIdOf(courseId: number): Promise<string> {
    const list = await get(`${paths.oruk.services}?per_page=100`).expect(200)
    const found = (list.body.contents as { id: string; url: string }[]).find((service) =>
      service.url.endsWith(paths.courses.show(courseId)),
    )
    expect(found, `course ${courseId} in the list`).to.not.equal(undefined)
    return found!.id
  }

  it('checks against schemas that do refuse a wrong answer (so the checks below mean something)', async () => {
    await aWeeklyCourse()
    const list = (await get(paths.oruk.services).expect(200)).body
    expect(orukValidator('/services')({ ...list, contents: [{ ...list.contents[0], id: 'course-1' }] })).to.equal(false)
    const id = list.contents[0].id as string
    const service = (await get(paths.oruk.service(id)).expect(200)).body
    const withoutPostcode = structuredClone(service)
    delete withoutPostcode.service_at_locations[0].location.addresses[0].postal_code
    expect(orukValidator('/services/{id}')(withoutPostcode)).to.equal(false)
    expect(orukValidator('/services/{id}')({ ...service, schedules: [{ ...service.schedules[0], freq: 'DAILY' }] })).to.equal(false)
  })

  it('says which standard and version it follows, open to every origin', async () => {
    const res = await get(paths.oruk.root)
      .expect(200)
      .expect('Content-Type', /application\/json/)
    expectValid('/', res.body)
    expect(res.body.version).to.equal('HSDS-UK-3.0')
    expect(res.body.openapi_url).to.match(/openapi\.json$/)
    expect(res.headers['access-control-allow-origin']).to.equal('*')
    expect(res.headers['set-cookie']).to.equal(undefined)
  })

  describe('services', () => {
    it('lists courses and drop-ins as services that meet the standard, with places and the waiting list', async () => {
      const { course } = await aWeeklyCourse(2)
      await bookPlaces(course.id, 2)
      const { course: dropIn } = await aCourse({ capacity: 10, daysFromNow: 3 })
      await bookPlaces(dropIn.id, 3)
      const res = await get(paths.oruk.services).expect(200)
      expectValid('/services', res.body)
      for (const field of PAGE_FIELDS) expect(res.body, field).to.have.property(field)
      expect(res.body.total_items).to.equal(2)
      const byUrl = (courseId: number) =>
        (res.body.contents as { url: string }[]).find((service) => service.url.endsWith(paths.courses.show(courseId))) as Record<
          string,
          unknown
        >
      expect(byUrl(course.id)).to.include({ name: 'Understanding your child', status: 'active', minimum_age: 3, maximum_age: 8 })
      expect(byUrl(course.id).x_availability).to.deep.equal({
        places_left: 0,
        capacity: 2,
        waiting_list_open: true,
        booking_open: false,
        booking_status: 'full',
      })
      expect(byUrl(dropIn.id).x_availability).to.include({ places_left: 7, waiting_list_open: false, booking_open: true })
      expect((byUrl(course.id).organization as { name: string }).name).to.equal('Family Hubs')
    })

    it('leaves out cancelled and finished courses', async () => {
      await aCourse({ cancelledAt: new Date() })
      await aCourse({ daysFromNow: -7 })
      const { course } = await aCourse()
      const res = await get(paths.oruk.services).expect(200)
      expect(res.body.total_items).to.equal(1)
      expect(res.body.contents[0].url).to.match(new RegExp(`${paths.courses.show(course.id)}$`))
    })

    it('pages through the list with page and per_page', async () => {
      for (const days of [3, 4, 5]) await aCourse({ daysFromNow: days })
      const first = await get(`${paths.oruk.services}?per_page=2`).expect(200)
      expectValid('/services', first.body)
      expect(first.body).to.include({
        total_items: 3,
        total_pages: 2,
        page_number: 1,
        size: 2,
        first_page: true,
        last_page: false,
        empty: false,
      })
      const second = await get(`${paths.oruk.services}?per_page=2&page=2`).expect(200)
      expect(second.body).to.include({ page_number: 2, size: 1, first_page: false, last_page: true, empty: false })
      const ids = [...first.body.contents, ...second.body.contents].map((service: { id: string }) => service.id)
      expect(new Set(ids).size).to.equal(3)
      const beyond = await get(`${paths.oruk.services}?per_page=2&page=3`).expect(200)
      expectValid('/services', beyond.body)
      expect(beyond.body).to.include({ size: 0, empty: true, last_page: true })
      expect(beyond.body.contents).to.deep.equal([])
    })

    it('filters by search words and by a topic taxonomy term', async () => {
      const { course } = await aWeeklyCourse()
      await aCourse({ programmeId: (await aProgramme({ title: 'Baby massage', topics: ['early-language-and-play'] })).id })
      const searched = await get(`${paths.oruk.services}?search=understanding`).expect(200)
      expect(searched.body.contents.map((service: { name: string }) => service.name)).to.deep.equal(['Understanding your child'])
      const terms = await get(`${paths.oruk.taxonomyTerms}?per_page=100`).expect(200)
      const behaviour = (terms.body.contents as { id: string; term: string }[]).find((term) => term.term === 'child-behaviour')!
      const byTopic = await get(`${paths.oruk.services}?taxonomy_term_id=${behaviour.id}`).expect(200)
      expect(byTopic.body.total_items).to.equal(1)
      expect(byTopic.body.contents[0].id).to.equal(await serviceIdOf(course.id))
      const unknownTopic = await get(`${paths.oruk.services}?taxonomy_term_id=00000000-0000-5000-8000-000000000000`).expect(200)
      expect(unknownTopic.body).to.include({ total_items: 0, empty: true })
    })

    it('gives a full service: organisation, hub location with address and accessibility, weekly schedule, contact, topics', async () => {
      const { course, hub } = await aWeeklyCourse()
      const id = await serviceIdOf(course.id)
      const res = await get(paths.oruk.service(id)).expect(200)
      expectValid('/services/{id}', res.body)
      const service = res.body
      expect(service.id).to.equal(id)
      expect(service.organization.id).to.equal(service.organization_id)
      const [atLocation] = service.service_at_locations
      expect(atLocation.location).to.include({ location_type: 'physical', name: 'Foleshill Family Hub' })
      expect(atLocation.location.addresses[0]).to.include({
        address_1: 'Broad Street',
        city: 'Coventry',
        postal_code: 'CV6 5BG',
        country: 'GB',
      })
      expect(atLocation.location.accessibility[0].description).to.equal('Step-free access. Parking. Baby changing facilities.')
      expect(atLocation.location.accessibility[0].details).to.equal('Hearing loop at reception')
      expect(service.schedules).to.have.length(1)
      expect(service.schedules[0]).to.include({
        freq: 'WEEKLY',
        interval: 1,
        byday: 'TU',
        valid_from: tuesdayIn(2),
        valid_to: tuesdayIn(5),
        service_at_location_id: atLocation.id,
      })
      expect(service.schedules[0].opens_at).to.match(/^10:00[+-]\d\d:\d\d$/)
      expect(service.schedules[0].closes_at).to.match(/^12:00[+-]\d\d:\d\d$/)
      expect(service.schedules[0].schedule_link).to.match(new RegExp(`${paths.courses.show(course.id)}$`))
      expect(service.contacts[0]).to.include({ name: hub.name, email: 'foleshill@example.gov.uk' })
      expect(service.contacts[0].phones[0].number).to.equal('024 7678 8330')
      expect(service.attributes.map((attribute: { taxonomy_term: { term: string } }) => attribute.taxonomy_term.term)).to.deep.equal([
        'child-behaviour',
        'emotional-wellbeing',
      ])
      const terms = await get(`${paths.oruk.taxonomyTerms}?per_page=100`).expect(200)
      const termIds = terms.body.contents.map((term: { id: string }) => term.id)
      for (const attribute of service.attributes) expect(termIds).to.include(attribute.taxonomy_term_id)
    })

    it('gives a drop-in one schedule on its date, and an online course a virtual location', async () => {
      const { course: dropIn } = await aCourse({ sessions: [{ date: tuesdayIn(1), start: '13:30', end: '15:00' }] })
      const dropInService = (await get(paths.oruk.service(await serviceIdOf(dropIn.id))).expect(200)).body
      expectValid('/services/{id}', dropInService)
      expect(dropInService.schedules).to.have.length(1)
      expect(dropInService.schedules[0]).to.include({ valid_from: tuesdayIn(1), valid_to: tuesdayIn(1) })
      expect(dropInService.schedules[0]).to.not.have.property('freq')
      const { course: online } = await aCourse({ hubId: null, onlineUrl: 'https://meet.example.com/x' })
      const onlineService = (await get(paths.oruk.service(await serviceIdOf(online.id))).expect(200)).body
      expectValid('/services/{id}', onlineService)
      expect(onlineService.service_at_locations[0].location.location_type).to.equal('virtual')
      expect(JSON.stringify(onlineService)).to.not.contain('meet.example.com')
    })

    it('keeps a service id when other courses come and go, and marks a cancelled one defunct rather than losing it', async () => {
      const { course } = await aCourse({ daysFromNow: 10 })
      const id = await serviceIdOf(course.id)
      expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      await aCourse({ daysFromNow: 2 })
      expect(await serviceIdOf(course.id)).to.equal(id)
      await testDatabase().db.update(courses).set({ cancelledAt: new Date() }).where(eq(courses.id, course.id))
      const res = await get(paths.oruk.service(id)).expect(200)
      expectValid('/services/{id}', res.body)
      expect(res.body.status).to.equal('defunct')
    })

    it('lists the same runs as services at locations, each found by id as its whole service', async () => {
      const { course, hub } = await aWeeklyCourse()
      await aCourse({ hubId: null, daysFromNow: 20 })
      const list = await get(paths.oruk.serviceAtLocations).expect(200)
      expectValid('/service_at_locations', list.body)
      expect(list.body.total_items).to.equal(2)
      const atHub = list.body.contents[0]
      expect(atHub.service.id).to.equal(await serviceIdOf(course.id))
      expect(atHub.service_id).to.equal(atHub.service.id)
      expect(atHub.location).to.include({ location_type: 'physical', name: hub.name })
      expect(list.body.contents[1].location.location_type).to.equal('virtual')
      const whole = await get(paths.oruk.serviceAtLocation(atHub.id)).expect(200)
      expectValid('/service_at_locations/{id}', whole.body)
      expect(whole.body.id).to.equal(atHub.service_id)
      expect(whole.body.service_at_locations[0].id).to.equal(atHub.id)
      const unknown = await get(paths.oruk.serviceAtLocation(atHub.service_id)).expect(404)
      expect(unknown.body.message).to.equal('No service at location has this id')
    })

    it('answers an unknown id with a JSON 404', async () => {
      await aCourse()
      for (const id of ['00000000-0000-5000-8000-000000000000', 'not-a-uuid', '1']) {
        const res = await get(paths.oruk.service(id))
          .expect(404)
          .expect('Content-Type', /application\/json/)
        expect(res.body).to.deep.equal({ status: 404, message: 'No service has this id' })
        expect(res.headers['access-control-allow-origin']).to.equal('*')
        expect(res.headers['cache-control']).to.equal('no-store')
      }
    })
  })

  describe('taxonomies and taxonomy terms', () => {
    it('lists the topic taxonomy and its terms, paginated, each findable by id', async () => {
      await aProgramme({ topics: ['sleep-routines'] })
      const taxonomies = await get(paths.oruk.taxonomies).expect(200)
      expectValid('/taxonomies', taxonomies.body)
      expect(taxonomies.body).to.include({ total_items: 1, size: 1 })
      const taxonomy = taxonomies.body.contents[0]
      const one = await get(paths.oruk.taxonomy(taxonomy.id)).expect(200)
      expectValid('/taxonomies/{id}', one.body)
      expect(one.body).to.deep.equal(taxonomy)

      const all = await get(`${paths.oruk.taxonomyTerms}?per_page=100`).expect(200)
      expectValid('/taxonomy_terms', all.body)
      const terms = all.body.contents as { id: string; term: string; name: string; taxonomy_id: string }[]
      expect(terms.map((term) => term.term)).to.include.members(['child-behaviour', 'toilet-training', 'sleep-routines'])
      expect(terms.every((term) => term.taxonomy_id === taxonomy.id)).to.equal(true)
      const page = await get(`${paths.oruk.taxonomyTerms}?per_page=3&page=2`).expect(200)
      expectValid('/taxonomy_terms', page.body)
      expect(page.body).to.include({ page_number: 2, size: 3, total_items: terms.length })
      expect(page.body.contents).to.deep.equal(terms.slice(3, 6))
      const sleep = terms.find((term) => term.term === 'sleep-routines')!
      const found = await get(paths.oruk.taxonomyTerm(sleep.id)).expect(200)
      expectValid('/taxonomy_terms/{id}', found.body)
      expect(found.body).to.include({ name: 'Sleep routines' })
    })

    it('answers unknown taxonomy and term ids with a JSON 404', async () => {
      await get(paths.oruk.taxonomy('00000000-0000-5000-8000-000000000000'))
        .expect(404)
        .expect('Content-Type', /application\/json/)
      await get(paths.oruk.taxonomyTerm('nope'))
        .expect(404)
        .expect('Content-Type', /application\/json/)
    })
  })

  describe('bad requests', () => {
    const bad = [
      'page=0',
      'page=-1',
      'page=abc',
      'page=1.5',
      'per_page=0',
      'per_page=101',
      'per_page=ten',
      'page=1&page=2',
      'search=a&search=b',
    ]
    for (const query of bad) {
      it(`refuses ?${query} with a JSON 400 that says what is wrong`, async () => {
        for (const path of [paths.oruk.services, paths.oruk.serviceAtLocations, paths.oruk.taxonomies, paths.oruk.taxonomyTerms]) {
          if (query.startsWith('search') && (path === paths.oruk.taxonomies || path === paths.oruk.taxonomyTerms)) continue
          const res = await get(`${path}?${query}`)
            .expect(400)
            .expect('Content-Type', /application\/json/)
          expect(res.body.status).to.equal(400)
          expect(res.body.message).to.match(/^(page|per_page|search) must/)
          expect(res.headers['access-control-allow-origin']).to.equal('*')
        }
      })
    }

    it('answers an unknown path under the API with JSON, and refuses writes', async () => {
      const missing = await get('/api/oruk/organizations')
        .expect(404)
        .expect('Content-Type', /application\/json/)
      expect(missing.body.status).to.equal(404)
      const post = await request(t.app).post(paths.oruk.services).send({}).expect(405)
      expect(post.headers.allow).to.equal('GET, HEAD, OPTIONS')
    })

    it('answers a path that is not valid percent encoding with a JSON 400', async () => {
      const res = await get('/api/oruk/services/%E0%A4%A')
        .expect(400)
        .expect('Content-Type', /application\/json/)
      expect(res.body.status).to.equal(400)
    })

    it('answers a browser preflight from another origin', async () => {
      const res = await request(t.app)
        .options(paths.oruk.services)
        .set('Origin', 'https://directory.example.org')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'if-none-match')
        .expect(204)
      expect(res.headers['access-control-allow-origin']).to.equal('*')
      expect(res.headers['access-control-allow-headers']).to.contain('If-None-Match')
    })
  })

  describe('caching', () => {
    it('lets caches keep answers for five minutes and answers 304 to a matching ETag until places change', async () => {
      const { course } = await aWeeklyCourse(5)
      const id = await serviceIdOf(course.id)
      for (const path of [paths.oruk.root, paths.oruk.services, paths.oruk.service(id), paths.oruk.taxonomyTerms]) {
        const first = await get(path).expect(200)
        expect(first.headers['cache-control'], path).to.equal('public, max-age=300')
        expect(first.headers.etag, path).to.match(/^"[A-Za-z0-9_-]+"$/)
        const again = await get(path).set('If-None-Match', first.headers.etag!).expect(304)
        expect(again.text, path).to.equal('')
        expect(again.headers['access-control-allow-origin'], path).to.equal('*')
      }
      const before = await get(paths.oruk.service(id)).expect(200)
      await bookPlaces(course.id, 1)
      const after = await get(paths.oruk.service(id)).set('If-None-Match', before.headers.etag!).expect(200)
      expect(after.headers.etag).to.not.equal(before.headers.etag)
      expect(after.body.x_availability.places_left).to.equal(4)
    })
  })

  describe('rate limit', () => {
    const limited = useTestApp({ env: { RATE_LIMIT_ORUK_API_PER_MINUTE: '3' } })

    it('answers 429 in JSON with Retry-After once an address has made too many requests', async () => {
      for (let i = 0; i < 3; i++) await request(limited.app).get(paths.oruk.root).expect(200)
      const res = await request(limited.app)
        .get(paths.oruk.services)
        .expect(429)
        .expect('Content-Type', /application\/json/)
      expect(res.body.status).to.equal(429)
      expect(Number(res.headers['retry-after'])).to.be.greaterThan(0)
      expect(res.headers['access-control-allow-origin']).to.equal('*')
    })
  })
})
