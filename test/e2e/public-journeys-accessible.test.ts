import { expect } from 'chai'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DateTime } from 'luxon'
import { useTestApp } from '../support/use-test-app.js'
import { testDatabase } from '../support/root-hooks.js'
import { aCourse, aProgramme, weekly } from '../support/builders.js'
import { aBookingRequest } from '../support/booking-helpers.js'
import { chromiumPath, launchBrowser, serve, submit, submitEmptied } from '../support/browser.js'
import { AxeAudit } from '../support/axe.js'
import { paths } from '../../src/paths.js'
import { accessLinkToken } from '../../src/services/booking/access-link-tokens.js'
import { languageFacts, languages } from '../../src/i18n/languages.js'
import { translator } from '../../src/i18n/translator.js'

/**
 * Every public page a family can reach, in every state it can be in (empty, refused with errors,
 * each conditional question revealed), passes axe's WCAG 2.2 A and AA rules with the page's
 * scripts running, so that govuk-frontend's enhancements are audited too; in every language the
 * service speaks (Arabic right to left).
 */
describe('every public page passes axe in every state, scripts running', function () {
  this.timeout(240_000)
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let audit: AxeAudit
  let site: { url: string; close: () => Promise<void> }

  before(function () {
    if (!chromiumPath()) {
      console.warn("    (skipped: no Chromium installed; .ci/run installs Debian's chromium)")
      this.skip()
    }
  })
  // Many form posts from one address: lift the rate limits this walk would otherwise meet.
  const t = useTestApp({ fresh: 'once', env: { RATE_LIMIT_BOOKING_POSTS: '10000', RATE_LIMIT_FIND_MY_BOOKINGS: '10000' } })
  before(async () => {
    site = await serve(t.app)
    browser = await launchBrowser()
  })
  // A new context per test (its own session cookie), one page reused for every URL in it.
  beforeEach(async () => {
    context = await browser.newContext({ javaScriptEnabled: true })
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
    audit = new AxeAudit()
  })
  afterEach(() => context?.close())
  after(async () => {
    await browser?.close()
    await site?.close()
  })

  const firstDay = () => DateTime.now().plus({ days: 10 }).toISODate()!
  /** Presses the button with the form emptied: the page must come back with its error summary. */
  const refuse = async (button: string, state: string) => {
    await submitEmptied(page, button)
    expect(await page.locator('.govuk-error-summary').count(), `${state}: an error summary`).to.equal(1)
    await audit.check(page, state)
  }
  const expectNoFailures = (atLeast: number) => {
    expect(audit.failures, audit.failures.join('\n\n')).to.deep.equal([])
    expect(audit.checked, 'pages and states audited').to.be.at.least(atLeast)
  }

  for (const language of languages) {
    describe(`in ${languageFacts[language].englishName}`, () => {
      const tr = translator(language)
      // Every page opened with ?lang=, as the language link does: the session keeps it for the visit.
      const open = async (path: string) => {
        await page.goto(`${site.url}${path}${path.includes('?') ? '&' : '?'}lang=${language}`)
      }

      it('walks the booking journey empty, refused and answered, every add-child choice and support reveal', async () => {
        const { course } = await aCourse({ capacity: 8, sessions: weekly(firstDay(), 4) })
        await open(paths.booking.start(course.id))

        await audit.check(page, 'your details, empty')
        await refuse(tr('booking:continue'), 'your details, refused')
        await page.getByLabel(tr('booking:yourDetails.fullName')).fill('Amira Khan')
        await page.getByLabel(tr('booking:yourDetails.email')).fill('amira.khan@example.com')
        await submit(page, tr('booking:continue'))

        await audit.check(page, 'contact preferences')
        await refuse(tr('booking:continue'), 'contact preferences, refused')
        await page.getByLabel(tr('booking:contactPreferences.email'), { exact: true }).check()
        await submit(page, tr('booking:continue'))

        await audit.check(page, 'children, none yet')
        await refuse(tr('booking:continue'), 'children, refused')
        await page.getByLabel(tr('booking:yes'), { exact: true }).check()
        await submit(page, tr('booking:continue'))

        await audit.check(page, 'add a child, empty')
        await refuse(tr('booking:addChild.button'), 'add a child, refused')
        const reveals = {
          [tr('booking:addChild.giveAge')]: tr('booking:addChild.ageYears'),
          [tr('booking:addChild.giveDateOfBirth')]: tr('booking:addChild.dateOfBirth'),
          [tr('booking:addChild.expecting')]: tr('booking:addChild.dueDate'),
        }
        for (const [choice, question] of Object.entries(reveals)) {
          await page.getByLabel(choice).check()
          // The radio reveals its own question and hides the others, without aria-expanded.
          for (const [, other] of Object.entries(reveals)) {
            const field = page.locator('.govuk-radios__conditional').filter({ hasText: other })
            expect(await field.isVisible(), `${other} shown when "${choice}" is chosen`).to.equal(other === question)
          }
          expect(await page.locator('.govuk-radios__input[aria-expanded]').count(), 'radios with aria-expanded').to.equal(0)
          await audit.check(page, `add a child, "${choice}" chosen`)
          // Chosen but its question left blank: the conditional question in error.
          await page.getByLabel(tr('booking:addChild.firstName')).fill('Yusuf')
          await submit(page, tr('booking:addChild.button'))
          await audit.check(page, `add a child, "${choice}" chosen and its question blank`)
          expect(await page.locator('.govuk-radios__conditional .govuk-error-message').isVisible(), `${question}'s error shown`).to.equal(
            true,
          )
        }
        await page.getByLabel(tr('booking:addChild.giveAge')).check()
        await page.getByRole('textbox', { name: tr('booking:addChild.ageYears') }).fill('3')
        await submit(page, tr('booking:addChild.button'))
        await audit.check(page, 'children, one added')
        await page.getByLabel(tr('booking:no'), { exact: true }).check()
        await submit(page, tr('booking:continue'))

        await audit.check(page, 'support, empty')
        await refuse(tr('booking:continue'), 'support, refused')
        await page.getByLabel(tr('booking:support.interpreter'), { exact: true }).check()
        await page.getByLabel(tr('booking:support.other'), { exact: true }).check()
        await audit.check(page, 'support, both questions revealed')
        await submit(page, tr('booking:continue'))
        await audit.check(page, 'support, revealed questions blank')
        await page.getByLabel(tr('booking:support.whichLanguage')).fill('Polish')
        await page.getByLabel(tr('booking:support.whatWouldHelp')).fill('A quiet space')
        await submit(page, tr('booking:continue'))

        await audit.check(page, 'check your answers')
        await submit(page, tr('booking:check.bookButton'))
        await audit.check(page, 'confirmation')
        expect(await page.textContent('.govuk-panel')).to.match(/FH-/)
        expectNoFailures(20)
      })

      it('shows a full course, its waiting list, and the "full" page when the last place goes mid-journey', async () => {
        const { course } = await aCourse({ capacity: 1, sessions: weekly(firstDay(), 2) })
        await open(paths.booking.start(course.id))
        await page.getByLabel(tr('booking:yourDetails.fullName')).fill('Lena Novak')
        await page.getByLabel(tr('booking:yourDetails.email')).fill('lena.novak@example.com')
        await submit(page, tr('booking:continue'))
        await page.getByLabel(tr('booking:contactPreferences.email'), { exact: true }).check()
        await submit(page, tr('booking:continue'))
        await page.getByLabel(tr('booking:no'), { exact: true }).check()
        await submit(page, tr('booking:continue'))
        await page.getByLabel(tr('booking:support.none')).check()
        await submit(page, tr('booking:continue'))
        // Someone else takes the last place while this family reads "check your answers".
        const other = await t.services.booking.book(aBookingRequest(course.id))
        expect(other.outcome).to.equal('confirmed')
        await submit(page, tr('booking:check.bookButton'))
        await audit.check(page, 'the place went: join the waiting list?')
        await submit(page, tr('booking:check.joinButton'))
        await audit.check(page, 'waiting list confirmation')

        await open(paths.courses.show(course.id))
        await audit.check(page, 'full course page')
        // A fresh family on the full course: the journey ends in "Join the waiting list".
        await context.clearCookies()
        await open(paths.booking.start(course.id))
        await page.getByLabel(tr('booking:yourDetails.fullName')).fill('Omar Haddad')
        await page.getByLabel(tr('booking:yourDetails.email')).fill('omar.haddad@example.com')
        await submit(page, tr('booking:continue'))
        await page.getByLabel(tr('booking:contactPreferences.email'), { exact: true }).check()
        await submit(page, tr('booking:continue'))
        await page.getByLabel(tr('booking:no'), { exact: true }).check()
        await submit(page, tr('booking:continue'))
        await page.getByLabel(tr('booking:support.none')).check()
        await submit(page, tr('booking:continue'))
        await audit.check(page, 'check your answers, joining the waiting list')
        await submit(page, tr('booking:check.joinButton'))
        await audit.check(page, 'waiting list confirmation from a full course')

        const referral = await aProgramme({ bookingMode: 'referral' })
        const { course: referralOnly } = await aCourse({ programmeId: referral.id })
        await open(paths.courses.show(referralOnly.id))
        await audit.check(page, 'referral-only course page')
        await open(paths.booking.start(referralOnly.id))
        await audit.check(page, 'referral-only booking page')
        const { course: closed } = await aCourse({ bookingOpen: false })
        await open(paths.courses.show(closed.id))
        await audit.check(page, 'closed course page')
        await open(paths.booking.start(closed.id))
        await audit.check(page, 'booking closed page')
        expectNoFailures(9)
      })

      it('shows the manage pages: booked, cancelling (refused), waiting, leaving, and an offer to accept or decline', async () => {
        const { course } = await aCourse({ capacity: 1, sessions: weekly(firstDay(), 3) })
        const booked = await t.services.booking.book(aBookingRequest(course.id))
        const waiting = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
        const later = await t.services.booking.joinWaitingList(aBookingRequest(course.id))
        if (booked.outcome !== 'confirmed' || waiting.outcome !== 'waiting' || later.outcome !== 'waiting') throw new Error('set-up failed')

        await open(paths.manage.show(booked.manageToken))
        await audit.check(page, 'manage, booked')
        await submit(
          page,
          `${tr('manage:calendarFeed.create')} ${tr('manage:calendarFeed.forLabel', { label: tr('manage:show.feedLabel') })}`,
        )
        await page.locator('details.govuk-details summary').first().click()
        await audit.check(page, 'manage, calendar feed made')
        await open(paths.manage.cancel(booked.manageToken))
        await audit.check(page, 'cancel, confirm step')
        await page.getByLabel(tr('manage:cancel.reason')).fill('r'.repeat(501))
        await submit(page, tr('manage:cancel.yes'))
        await audit.check(page, 'cancel, reason too long')
        await open(paths.manage.show(later.manageToken))
        await audit.check(page, 'manage, on the waiting list')
        await open(paths.manage.leave(later.manageToken))
        await audit.check(page, 'leave the waiting list, confirm step')

        await t.services.booking.cancel(booked.booking.id)
        await open(paths.manage.show(booked.manageToken))
        await audit.check(page, 'manage, cancelled')
        await open(paths.manage.show(waiting.manageToken))
        expect(await page.textContent('main')).to.contain(tr('manage:offer.heading'))
        await audit.check(page, 'manage, offered: accept or decline')
        await submit(page, tr('manage:offer.accept'))
        await audit.check(page, 'manage, offer accepted')
        await open(paths.manage.show('no-such-token'))
        await audit.check(page, 'manage link that does not work')
        expectNoFailures(9)
      })

      it('finds my bookings: empty, refused, sent, and the emailed list', async () => {
        const { course } = await aCourse()
        await t.services.booking.book(
          aBookingRequest(course.id, { family: { ...aBookingRequest(course.id).family, email: 'found@example.com' } }),
        )
        await open(paths.manage.findMyBookings)
        await audit.check(page, 'find my bookings')
        await refuse(tr('manage:find.button'), 'find my bookings, refused')
        await page.getByLabel(tr('manage:find.email')).fill('found@example.com')
        await submit(page, tr('manage:find.button'))
        await audit.check(page, 'find my bookings, link sent')
        const result = await testDatabase().pool.query<{ payload: { nonce: string } }>(
          "select payload from notifications where kind = 'find_my_bookings' order by id desc limit 1",
        )
        await open(paths.manage.findMyBookingsLink(accessLinkToken(t.config.sessionSecret, result.rows[0]!.payload.nonce)))
        await audit.check(page, 'your bookings, from the emailed link')
        expectNoFailures(4)
      })
    })
  }
})
