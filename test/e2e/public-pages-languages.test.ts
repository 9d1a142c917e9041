import { mkdirSync } from 'node:fs'
import { expect } from 'chai'
import type { Browser, Page } from 'playwright-core'
import { useTestApp } from '../support/use-test-app.js'
import { aCourse, aHub, aProgramme } from '../support/builders.js'
import { chromiumPath, launchBrowser, serve } from '../support/browser.js'
import { axeViolations, describeViolations } from '../support/axe.js'
import { languageFacts, languages } from '../../src/i18n/languages.js'

/**
 * Every public page outside the booking journey, in every language: no WCAG 2.2 A or AA failures,
 * the right lang and dir, the language links, and words that are not English. Set SCREENSHOT_DIR
 * to keep a full-page screenshot of each (how the right-to-left layout was checked by eye).
 */
describe('public pages in every language, in a real browser', function () {
  let browser: Browser
  // One page for every URL (a fresh page per URL costs more than the checks themselves).
  let page: Page
  let site: { url: string; close: () => Promise<void> }
  let courseId = 0
  const screenshots = process.env.SCREENSHOT_DIR

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
    if (screenshots) mkdirSync(screenshots, { recursive: true })
  })

  after(async () => {
    await browser?.close()
    await site?.close()
  })

  /** The page's own words to compare with English: its heading, or the caption over a heading that is data (a programme's title). */
  const headingOnly = 'h1'
  const captionOverData = '.govuk-caption-l'

  const pages = [
    ['catalogue', '/', 200, headingOnly],
    ['catalogue with filters', '/?topic=child-behaviour&q=sleep', 200, headingOnly],
    ['catalogue by day, next week', '/?view=by-day&when=next-week', 200, headingOnly],
    ['catalogue with a date that is not real', '/?when=dates&fromDay=31&fromMonth=2&fromYear=2027', 400, '.govuk-error-summary'],
    ['catalogue with "Did you mean"', '/?q=progrmme', 200, '[data-testid="did-you-mean"]'],
    ['course', 'COURSE', 200, captionOverData],
    ['programme', '/programmes/e2e-programme', 200, captionOverData],
    ['hubs', '/hubs', 200, headingOnly],
    ['hub', '/hubs/e2e-hub', 200, captionOverData],
    ['not found', '/no-such-page', 404, headingOnly],
    ['accessibility statement', '/accessibility', 200, headingOnly],
    ['privacy notice', '/privacy', 200, headingOnly],
  ] as const

  for (const [name, path, status, wordsSelector] of pages) {
    describe(`the ${name} page`, () => {
      let englishWords = ''

      for (const language of languages) {
        it(`in ${languageFacts[language].englishName}: no WCAG 2.2 A or AA failures, lang and dir, language links, its own words`, async () => {
          const address = path === 'COURSE' ? `/courses/${courseId}` : path
          const response = await page.goto(`${site.url}${address}${address.includes('?') ? '&' : '?'}lang=${language}`)
          expect(response?.status()).to.equal(status)

          const violations = await axeViolations(page)
          expect(violations, describeViolations(violations)).to.deep.equal([])

          expect(await page.getAttribute('html', 'lang')).to.equal(language)
          expect(await page.getAttribute('html', 'dir')).to.equal(languageFacts[language].dir)

          // A link to each other language, named in that language and marked as it (lang, hreflang).
          const links = await Promise.all(
            (await page.locator('.app-language-links a').all()).map(async (a) => ({
              lang: await a.getAttribute('lang'),
              hreflang: await a.getAttribute('hreflang'),
              text: await a.textContent(),
            })),
          )
          const others = languages.filter((each) => each !== language)
          expect(links.map((link) => link.hreflang)).to.deep.equal(others)
          for (const link of links) {
            expect(link.lang).to.equal(link.hreflang)
            expect(link.text).to.contain(languageFacts[link.lang as (typeof languages)[number]].ownName)
          }
          expect(await page.getAttribute('.app-language-links [aria-current]', 'lang')).to.equal(language)

          const words = (await page.textContent(wordsSelector))?.trim() ?? ''
          expect(words, wordsSelector).to.not.equal('')
          if (language === 'en') englishWords = words
          else expect(words, `${wordsSelector} is still English`).to.not.equal(englishWords)

          if (screenshots) await page.screenshot({ path: `${screenshots}/${name.replace(/\W+/g, '-')}-${language}.png`, fullPage: true })
        })
      }
    })
  }
})
