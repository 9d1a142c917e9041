import { expect } from 'chai'
import type { Browser, Page } from 'playwright-core'
import { useTestApp } from '../support/use-test-app.js'
import { aCourse, aHub, aProgramme } from '../support/builders.js'
import { chromiumPath, launchBrowser, serve } from '../support/browser.js'
import { axeViolations, describeViolations } from '../support/axe.js'

describe('public pages in a real browser', function () {
  let browser: Browser
  // One page for every URL (a fresh page per URL costs more than the checks themselves).
  let page: Page
  const errors: string[] = []
  let site: { url: string; close: () => Promise<void> }
  let courseId = 0

  before(async function () {
    if (!chromiumPath()) {
      console.warn("    (skipped: no Chromium installed; .ci/run installs Debian's chromium)")
      this.skip()
    }
  })
  const t = useTestApp({ fresh: 'once' })
  before(async () => {
    const hub = await aHub({ slug: 'e2e-hub' })
    const programme = await aProgramme({ slug: 'e2e-programme' })
    const { course } = await aCourse({ capacity: 8, hubId: hub.id, programmeId: programme.id })
    courseId = course.id
    site = await serve(t.app)
    browser = await launchBrowser()
    page = await browser.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
  })
  beforeEach(() => {
    errors.length = 0
  })

  after(async () => {
    await browser?.close()
    await site?.close()
  })

  for (const [name, path, status] of [
    ['catalogue', '/', 200],
    ['catalogue with filters', '/?topic=child-behaviour&q=sleep', 200],
    ['catalogue by day, next week', '/?view=by-day&when=next-week', 200],
    ['catalogue with a date that is not real', '/?when=dates&fromDay=31&fromMonth=2&fromYear=2027', 400],
    ['catalogue with "Did you mean"', '/?q=progrmme', 200],
    ['course', 'COURSE', 200],
    ['programme', '/programmes/e2e-programme', 200],
    ['hubs', '/hubs', 200],
    ['hub', '/hubs/e2e-hub', 200],
    ['not found', '/no-such-page', 404],
    ['accessibility statement', '/accessibility', 200],
    ['privacy notice', '/privacy', 200],
  ] as const) {
    it(`has no WCAG 2.2 A or AA failures on the ${name} page`, async () => {
      const response = await page.goto(site.url + (path === 'COURSE' ? `/courses/${courseId}` : path))
      expect(response?.status()).to.equal(status)
      const violations = await axeViolations(page)
      expect(violations, describeViolations(violations)).to.deep.equal([])
      expect(
        // The browser logs the page's own 4xx status as an error; that status is checked above.
        errors.filter((e) => !e.includes('404') && !e.includes(`status of ${status}`)),
        'console errors (for example CSP refusals)',
      ).to.deep.equal([])
    })
  }
})
