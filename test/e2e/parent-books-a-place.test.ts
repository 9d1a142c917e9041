import { expect } from 'chai'
import type { Browser, Page } from 'playwright-core'
import { eq } from 'drizzle-orm'
import { useTestApp, useEmptyDatabase } from '../support/use-test-app.js'
import { testDatabase } from '../support/root-hooks.js'
import { aCourse, weekly } from '../support/builders.js'
import { chromiumPath, launchBrowser, serve } from '../support/browser.js'
import { axeViolations, describeViolations } from '../support/axe.js'
import { bookings, families } from '../../src/db/schema/index.js'
import { DateTime } from 'luxon'

/**
 * A parent books a place on a course in a real browser, the whole way through, and every page on
 * the way passes axe's WCAG 2.2 A and AA rules. Run with JavaScript off (the service must work
 * without it) and on (the GOV.UK components' enhancements must not get in the way).
 */
describe('a parent books a place in a real browser', function () {
  this.timeout(120_000)
  let browser: Browser
  let site: { url: string; close: () => Promise<void> }

  before(async function () {
    if (!chromiumPath()) {
      console.warn("    (skipped: no Chromium installed; .ci/run installs Debian's chromium)")
      this.skip()
    }
  })
  // One app for the describe, served to the browser; the database emptied before each test.
  const t = useTestApp({ fresh: 'once' })
  useEmptyDatabase()
  before(async () => {
    site = await serve(t.app)
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await site?.close()
  })

  async function expectAccessible(page: Page, step: string) {
    // axe is a script: it runs in the JavaScript-on pass, which walks the same pages.
    if (!javaScriptOn(page)) return
    const violations = await axeViolations(page)
    expect(violations, `${step}: ${describeViolations(violations)}`).to.deep.equal([])
  }

  const pagesWithJavaScript = new WeakSet<Page>()
  const javaScriptOn = (page: Page) => pagesWithJavaScript.has(page)

  for (const javaScriptEnabled of [false, true]) {
    it(`books a place and shows the reference, with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const firstDay = DateTime.now().plus({ days: 10 }).toISODate()!
      const { course } = await aCourse({ capacity: 8, sessions: weekly(firstDay, 4) })
      const context = await browser.newContext({ javaScriptEnabled })
      const page = await context.newPage()
      page.setDefaultTimeout(10_000)
      if (javaScriptEnabled) pagesWithJavaScript.add(page)
      const cspErrors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text())
      })

      await page.goto(`${site.url}/courses/${course.id}`)
      await page
        .getByRole('button', { name: 'Book a place' })
        .or(page.getByRole('link', { name: 'Book a place' }))
        .first()
        .click()

      await expectAccessible(page, 'your details')
      await page.getByLabel('Full name').fill('Amira Khan')
      await page.getByLabel('Email address').fill('amira.khan@example.com')
      await page.getByLabel('UK mobile number').fill('07700 900982')
      await page.getByRole('button', { name: 'Continue' }).click()

      await expectAccessible(page, 'contact preferences')
      await page.getByLabel('Email', { exact: true }).check()
      await page.getByLabel('Text message').check()
      await page.getByRole('button', { name: 'Continue' }).click()

      await expectAccessible(page, 'children')
      await page.getByLabel('Yes').check()
      await page.getByRole('button', { name: 'Continue' }).click()
      await expectAccessible(page, 'add a child')
      await page.getByLabel("Child's first name").fill('Yusuf')
      await page.getByLabel('I will give their age in years').check()
      await page.getByRole('textbox', { name: 'Age in years' }).fill('3')
      await page.getByRole('button', { name: 'Add child' }).click()
      await page.getByLabel('No').check()
      await page.getByRole('button', { name: 'Continue' }).click()

      await expectAccessible(page, 'support')
      await page.getByLabel('Step-free access').check()
      await page.getByRole('button', { name: 'Continue' }).click()

      await expectAccessible(page, 'check answers')
      expect(await page.textContent('main'))
        .to.contain('Amira Khan')
        .and.contain('Yusuf')
      await page.getByRole('button', { name: 'Book your place' }).click()

      await expectAccessible(page, 'confirmation')
      const panel = await page.textContent('.govuk-panel')
      const reference = /FH-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{2}/.exec(panel ?? '')?.[0]
      expect(reference, `reference in: ${panel}`).to.be.a('string')
      expect(cspErrors, 'CSP refusals').to.deep.equal([])

      const [stored] = await testDatabase()
        .db.select({ status: bookings.status, phone: families.phone, stepFree: families.needsStepFree })
        .from(bookings)
        .innerJoin(families, eq(bookings.familyId, families.id))
        .where(eq(bookings.reference, reference!))
      expect(stored).to.deep.equal({ status: 'confirmed', phone: '+447700900982', stepFree: true })
      await context.close()
    })
  }
})
