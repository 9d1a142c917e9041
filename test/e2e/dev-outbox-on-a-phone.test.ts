import { expect } from 'chai'
import type { Browser } from 'playwright-core'
import { useTestApp } from '../support/use-test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../support/builders.js'
import { chromiumPath, launchBrowser, serve } from '../support/browser.js'
import { aBooking, aFamily, recordEvent } from '../integration/notifications/notification-helpers.js'
import { paths } from '../../src/paths.js'

describe('the dev outbox on a 320 px phone', function () {
  this.timeout(60_000)
  let browser: Browser
  let site: { url: string; close: () => Promise<void> }

  before(async function () {
    if (!chromiumPath()) {
      console.warn("    (skipped: no Chromium installed; .ci/run installs Debian's chromium)")
      this.skip()
    }
  })
  const t = useTestApp({ fresh: 'once', ownDataDir: true })
  before(async () => {
    const hub = await aHub({ name: 'Foleshill Family Hub' })
    const programme = await aProgramme({ title: 'Incredible Years: parenting for children aged 3 to 6' })
    const { course } = await aCourse({ hubId: hub.id, programmeId: programme.id, sessions: weekly('2027-03-29', 2, '09:30', '11:30') })
    const family = await aFamily({
      contactByEmail: true,
      contactBySms: true,
      email: 'a.rather.long.address.for.a.small.screen@familyhubs-example.org',
    })
    const { booking } = await aBooking(t, course.id, { familyId: family.id })
    await recordEvent(t, 'booking_confirmed', booking.id)
    await t.services.notificationDelivery.deliverDue()
    site = await serve(t.app)
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await site?.close()
  })

  it('lists the messages and shows an email, its invite and a text without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } })
    await page.goto(`${site.url}${paths.devOutbox.index}`)
    const links = await page.locator('tbody a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')!))
    expect(links).to.have.length(2)
    for (const path of [paths.devOutbox.index, ...links]) {
      await page.goto(`${site.url}${path}`)
      // The .ics text is inside a details element: open it, it is the widest thing on the page.
      if ((await page.locator('details summary').count()) > 0) await page.locator('details summary').first().click()
      const width = await page.evaluate<number>('document.documentElement.scrollWidth')
      expect(width, `${path} is ${width} px wide`).to.be.at.most(320)
    }
  })
})
