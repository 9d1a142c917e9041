import { expect } from 'chai'
import type { Browser, Page } from 'playwright-core'
import { chromiumPath, launchBrowser, serve } from '../support/browser.js'
import { axeViolations, describeViolations } from '../support/axe.js'
import { figures, reportsApp, staff } from '../support/report-fakes.js'
import { paths } from '../../src/paths.js'
import type { Reports } from '../../src/domain/reports.js'

/** Thirteen weeks, one with nothing freed, as a manager's default view would have. */
function quarter(): Reports {
  const periods = Array.from({ length: 13 }, (_v, i) => new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10))
  return {
    ...figures,
    periods,
    refill: {
      ...figures.refill,
      byPeriod: periods.map((periodStart, i) =>
        i === 4
          ? { periodStart, freed: 0, refilled: 0, refillRate: null }
          : { periodStart, freed: 10, refilled: i % 10, refillRate: (i % 10) / 10 },
      ),
    },
    attendance: {
      ...figures.attendance,
      byPeriod: periods.map((periodStart, i) => ({
        ...figures.attendance.byPeriod[0]!,
        periodStart,
        attended: 80 + i * 5,
        noShows: 20 - i,
      })),
    },
  }
}

/**
 * The reports page in a browser, on fake figures (the route harness): it passes axe at desktop
 * width and at 320 px, where nothing but the tables' own scroll regions is wider than the screen.
 * The page on the real service is audited with every other staff page (staff-pages-accessible).
 */
describe('the reports page in a browser (fake figures)', function () {
  this.timeout(60_000)
  let browser: Browser
  let site: { url: string; close: () => Promise<void> }

  before(async function () {
    if (!chromiumPath()) {
      console.warn("    (skipped: no Chromium installed; .ci/run installs Debian's chromium)")
      this.skip()
    }
    site = await serve(reportsApp(staff('admin'), quarter()).app)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await site?.close()
  })

  const open = async (page: Page, query = '') => {
    const response = await page.goto(`${site.url}${paths.staff.reports.index}${query}`)
    return response?.status()
  }

  for (const width of [1020, 320]) {
    it(`passes axe at ${width} px, with the charts drawn and no sideways scrolling of the page`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 800 } })
      expect(await open(page)).to.equal(200)
      expect(describeViolations(await axeViolations(page))).to.equal('')
      expect(await page.locator('svg[role="img"]').count()).to.equal(3)
      if (process.env.REPORTS_SCREENSHOT) await page.screenshot({ path: `/tmp/reports-${width}.png`, fullPage: true })
      const wide = await page.evaluate(
        `[...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.app-table-scroll')).map((el) => el.tagName + '.' + el.className).slice(0, 5)`,
      )
      expect(wide, 'wider than the screen').to.deep.equal([])
      const widths = await page.evaluate('({ page: document.documentElement.scrollWidth, screen: window.innerWidth })')
      expect((widths as { page: number }).page).to.be.at.most((widths as { screen: number }).screen)
      // Each chart is as wide as its column, whatever the screen.
      const chartWidth = (await page.locator('#chart-attendance svg[role="img"]').boundingBox())!.width
      expect(chartWidth).to.be.greaterThan(width === 320 ? 250 : 600)
      await page.close()
    })
  }

  it('passes axe with the filter refused', async () => {
    const page = await browser.newPage({ viewport: { width: 1020, height: 800 } })
    expect(await open(page, '?fromDay=31&fromMonth=2&fromYear=2026&toDay=1&toMonth=1&toYear=2026&hub=x')).to.equal(400)
    expect(await page.locator('.govuk-error-summary').count()).to.equal(1)
    expect(describeViolations(await axeViolations(page))).to.equal('')
    await page.close()
  })
})
