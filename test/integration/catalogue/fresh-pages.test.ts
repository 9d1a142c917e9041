import { expect } from 'chai'
import request from 'supertest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, weekly } from '../../support/builders.js'
import { aBookingRequest } from '../../support/booking-helpers.js'
import { courses } from '../../../src/db/schema/index.js'
import { paths } from '../../../src/paths.js'
import { bookPlaces, listingText, nextWeekday, pageText } from './catalogue-helpers.js'

/*
 * The public pages reuse their data between page views (see PageDataCache). These tests view each
 * page first, so that its data is kept, then change something and expect the very next view to show it.
 */
describe('public pages after a change', () => {
  const t = useTestApp()
  const admin = { id: 1, name: 'Hub Manager', email: 'manager@example.org', role: 'admin' as const, hubIds: [] }

  const html = async (path: string) => (await request(t.app).get(path).expect(200)).text
  const pages = (courseId: number, hubSlug: string) => ({
    catalogue: async () => listingText(await html(paths.home), courseId),
    course: async () => pageText(await html(paths.courses.show(courseId))),
    hub: async () => listingText(await html(paths.hubs.show(hubSlug)), courseId),
  })

  it('shows a place booked through the booking service on the next view of the catalogue, course and hub pages', async () => {
    const hub = await aHub()
    const { course } = await aCourse({ hubId: hub.id, capacity: 3 })
    const page = pages(course.id, hub.slug)
    expect(await page.catalogue()).to.contain('3 places left')
    expect(await page.course()).to.contain('3 places left')
    expect(await page.hub()).to.contain('3 places left')

    expect((await t.services.booking.book(aBookingRequest(course.id))).outcome).to.equal('confirmed')
    expect(await page.catalogue()).to.contain('2 places left')
    expect(await page.course()).to.contain('2 places left')
    expect(await page.hub()).to.contain('2 places left')
  })

  it('shows places taken by another process (straight in the database) on the next view', async () => {
    const hub = await aHub()
    const { course } = await aCourse({ hubId: hub.id, capacity: 2 })
    const page = pages(course.id, hub.slug)
    expect(await page.catalogue()).to.contain('2 places left')
    expect(await page.course()).to.contain('2 places left')

    await bookPlaces(course.id, 2)
    expect(await page.catalogue()).to.contain('Full')
    expect(await page.course()).to.contain('Full')
    expect(await page.hub()).to.contain('Full')
  })

  it('shows a session cancelled by staff, and a closed course, on the next view', async () => {
    const hub = await aHub()
    const { course, sessions } = await aCourse({ hubId: hub.id, sessions: weekly(nextWeekday(2), 3) })
    const page = pages(course.id, hub.slug)
    expect(await page.catalogue()).to.contain('3 weekly sessions')
    expect(await page.course()).not.to.contain('Cancelled')

    expect(await t.services.staff.catalogue.cancelSession(admin, sessions[0]!.id)).to.deep.equal({ ok: true })
    expect(await page.catalogue()).to.contain('2 weekly sessions')
    expect(await page.hub()).to.contain('2 weekly sessions')
    expect(await page.course()).to.contain('Cancelled')

    await t.services.staff.catalogue.setBookingOpen(admin, course.id, false)
    expect(await page.catalogue()).to.contain('Booking closed')
    expect(await page.course()).to.contain('Booking closed')
  })

  it('drops a cancelled course from the catalogue and hub page on the next view', async () => {
    const hub = await aHub()
    const { course } = await aCourse({ hubId: hub.id })
    const page = pages(course.id, hub.slug)
    expect(await page.catalogue()).to.contain('places left')
    await testDatabase().db.update(courses).set({ cancelledAt: new Date() }).where(eq(courses.id, course.id))
    expect(await page.catalogue()).to.equal('')
    expect(await page.hub()).to.equal('')
  })
})
