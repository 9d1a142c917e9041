import { expect } from 'chai'
import request from 'supertest'
import { sql } from 'drizzle-orm'
import { useTestApp } from '../support/use-test-app.js'
import { buildTestApp } from '../support/test-app.js'
import { testDatabase } from '../support/root-hooks.js'
import { aCourse } from '../support/builders.js'
import { bookings, families } from '../../src/db/schema/index.js'

describe('foundation', () => {
  const t = useTestApp()

  it('runs on the database mode chosen by DATABASE_URL', () => {
    expect(testDatabase().mode).to.equal(process.env.DATABASE_URL ? 'server' : 'embedded')
  })

  it('starts several job queues on one database at once (web and worker processes starting together)', async function () {
    // agenda used to create its table on every start; concurrent starts deadlocked on the server.
    this.timeout(20_000)
    const apps = await Promise.all([1, 2, 3].map(() => buildTestApp()))
    await Promise.all(apps.map(({ app }) => request(app).get('/').expect(200)))
  })

  it('answers /healthz and /readyz', async () => {
    const { app } = t
    await request(app).get('/healthz').expect(200, { status: 'ok' })
    await request(app).get('/readyz').expect(200, { status: 'ok' })
  })

  it('shows the 404 page in the service design', async () => {
    const { app } = t
    const res = await request(app).get('/no-such-page').expect(404)
    expect(res.text).to.contain('Page not found').and.contain('govuk-footer')
  })

  it('sends a strict CSP with a fresh nonce that the page scripts carry', async () => {
    const { app } = t
    const first = await request(app).get('/').expect(200)
    const second = await request(app).get('/').expect(200)
    const csp = first.headers['content-security-policy'] as string
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce, 'nonce in CSP').to.be.a('string')
    expect(csp).not.to.contain('unsafe-inline')
    expect(first.text).to.contain(`nonce="${nonce}"`)
    expect(second.headers['content-security-policy']).not.to.equal(csp)
  })

  it('refuses a form post without its CSRF token with a 403 page in the service design', async () => {
    const { app } = t
    const res = await request(app).post('/find-my-bookings').type('form').send({ email: 'a@example.com' }).expect(403)
    expect(res.text).to.contain('The form has expired').and.contain('govuk-footer')
  })

  it('refuses a booking that would pass the capacity, in the database itself', async () => {
    const { course } = await aCourse({ capacity: 1 })
    const db = testDatabase().db
    const [family] = await db.insert(families).values({ parentName: 'A Parent', email: 'a@example.com' }).returning()
    const place = (n: number) => ({
      reference: `FH-TEST-0${n}`,
      courseId: course.id,
      familyId: family!.id,
      status: 'confirmed' as const,
      manageNonce: `nonce-${n}`,
      manageTokenHash: `hash-${n}`,
    })
    await db.insert(bookings).values(place(1))
    let failure: unknown
    await db
      .insert(bookings)
      .values(place(2))
      .catch((error: unknown) => (failure = error))
    expect(String((failure as { cause?: { message?: string } })?.cause?.message ?? failure)).to.contain('course_not_overbooked')
    const taken = await db.execute<{ places_taken: number }>(sql`select places_taken from courses where id = ${course.id}`)
    expect(taken.rows[0]!.places_taken).to.equal(1)
  })
})
