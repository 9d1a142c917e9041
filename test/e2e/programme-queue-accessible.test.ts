import { expect } from 'chai'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { useTestApp } from '../support/use-test-app.js'
import { aCourse, aHub, aProgramme } from '../support/builders.js'
import { aBookingRequest } from '../support/booking-helpers.js'
import { chromiumPath, launchBrowser, serve, submit, submitEmptied } from '../support/browser.js'
import { AxeAudit } from '../support/axe.js'
import { paths } from '../../src/paths.js'

/** The pages of issue 10's programme-wide queue and "tell me about new dates" pass axe, scripts running. */
describe('programme-wide queue and new dates pages pass axe', function () {
  this.timeout(120_000)
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let site: { url: string; close: () => Promise<void> }

  before(function () {
    if (!chromiumPath()) this.skip()
  })
  const t = useTestApp({ fresh: 'once', env: { RATE_LIMIT_BOOKING_POSTS: '10000' } })
  before(async () => {
    site = await serve(t.app)
    browser = await launchBrowser()
  })
  beforeEach(async () => {
    context = await browser.newContext({ javaScriptEnabled: true })
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
  })
  afterEach(() => context?.close())
  after(async () => {
    await browser?.close()
    await site?.close()
  })

  it('the waiting list step with other runs, the "places now" banner, and the new-dates form refused and done', async () => {
    const audit = new AxeAudit()
    const programme = await aProgramme({ title: 'Toddler talk' })
    const { course } = await aCourse({ programmeId: programme.id, capacity: 1, daysFromNow: 10 })
    await aCourse({ programmeId: programme.id, hubId: (await aHub({ name: 'Tile Hill Hub' })).id, capacity: 3, daysFromNow: 12 })
    await t.services.booking.book(aBookingRequest(course.id))

    await page.goto(site.url + paths.booking.start(course.id))
    await page.getByLabel('Full name').fill('Amira Khan')
    await page.getByLabel('Email address').fill('amira.khan@example.com')
    await submit(page, 'Continue')
    await page.getByLabel('Email', { exact: true }).check()
    await submit(page, 'Continue')
    await page.getByLabel('No').check()
    await submit(page, 'Continue')
    await page.getByLabel('I do not need any support').check()
    await submit(page, 'Continue')
    await audit.check(page, 'check your answers on a full run, with other runs')
    await page.getByLabel('Any of these, or any new dates we add').check()
    await submit(page, 'Join the waiting list')
    expect(await page.locator('.govuk-notification-banner').count()).to.equal(1)
    await audit.check(page, 'on the waiting list, a chosen run has places')

    await page.goto(site.url + paths.newDates.subscribe(programme.slug))
    await audit.check(page, 'new dates form')
    await submitEmptied(page, 'Tell me about new dates')
    await audit.check(page, 'new dates form, refused')
    await page.getByLabel('Email address').fill('amira.khan@example.com')
    await page.getByLabel(/Yes, send me a message/).check()
    await submit(page, 'Tell me about new dates')
    await audit.check(page, 'new dates, done')
    expect(audit.failures, audit.failures.join('\n\n')).to.deep.equal([])
  })
})
