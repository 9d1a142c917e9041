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

/**
 * Every public page a family can reach, in every state it can be in (empty, refused with errors,
 * each conditional question revealed), passes axe's WCAG 2.2 A and AA rules with the page's
 * scripts running, so that govuk-frontend's enhancements are audited too.
 */
describe('every public page passes axe in every state, scripts running', function () {
  this.timeout(120_000)
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

  const open = async (path: string) => {
    await page.goto(site.url + path)
  }
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

  it('walks the booking journey empty, refused and answered, every add-child choice and support reveal', async () => {
    const { course } = await aCourse({ capacity: 8, sessions: weekly(firstDay(), 4) })
    await open(paths.booking.start(course.id))

    await audit.check(page, 'your details, empty')
    await refuse('Continue', 'your details, refused')
    await page.getByLabel('Full name').fill('Amira Khan')
    await page.getByLabel('Email address').fill('amira.khan@example.com')
    await submit(page, 'Continue')

    await audit.check(page, 'contact preferences')
    await refuse('Continue', 'contact preferences, refused')
    await page.getByLabel('Email', { exact: true }).check()
    await submit(page, 'Continue')

    await audit.check(page, 'children, none yet')
    await refuse('Continue', 'children, refused')
    await page.getByLabel('Yes').check()
    await submit(page, 'Continue')

    await audit.check(page, 'add a child, empty')
    await refuse('Add child', 'add a child, refused')
    const reveals = {
      'I will give their age in years': 'Age in years',
      'I will give their date of birth': 'Date of birth',
      'I am expecting a baby': 'Due date',
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
      await page.getByLabel("Child's first name").fill('Yusuf')
      await submit(page, 'Add child')
      await audit.check(page, `add a child, "${choice}" chosen and its question blank`)
      expect(await page.locator('.govuk-radios__conditional .govuk-error-message').isVisible(), `${question}'s error shown`).to.equal(true)
    }
    await page.getByLabel('I will give their age in years').check()
    await page.getByRole('textbox', { name: 'Age in years' }).fill('3')
    await submit(page, 'Add child')
    await audit.check(page, 'children, one added')
    await page.getByLabel('No').check()
    await submit(page, 'Continue')

    await audit.check(page, 'support, empty')
    await refuse('Continue', 'support, refused')
    await page.getByLabel('An interpreter').check()
    await page.getByLabel('Something else').check()
    await audit.check(page, 'support, both questions revealed')
    await submit(page, 'Continue')
    await audit.check(page, 'support, revealed questions blank')
    await page.getByLabel('Which language?').fill('Polish')
    await page.getByLabel('Tell us what would help').fill('A quiet space')
    await submit(page, 'Continue')

    await audit.check(page, 'check your answers')
    await submit(page, 'Book your place')
    await audit.check(page, 'confirmation')
    expect(await page.textContent('.govuk-panel')).to.match(/FH-/)
    expectNoFailures(20)
  })

  it('shows a full course, its waiting list, and the "full" page when the last place goes mid-journey', async () => {
    const { course } = await aCourse({ capacity: 1, sessions: weekly(firstDay(), 2) })
    await open(paths.booking.start(course.id))
    await page.getByLabel('Full name').fill('Lena Novak')
    await page.getByLabel('Email address').fill('lena.novak@example.com')
    await submit(page, 'Continue')
    await page.getByLabel('Email', { exact: true }).check()
    await submit(page, 'Continue')
    await page.getByLabel('No').check()
    await submit(page, 'Continue')
    await page.getByLabel('I do not need any support').check()
    await submit(page, 'Continue')
    // Someone else takes the last place while this family reads "check your answers".
    const other = await t.services.booking.book(aBookingRequest(course.id))
    expect(other.outcome).to.equal('confirmed')
    await submit(page, 'Book your place')
    await audit.check(page, 'the place went: join the waiting list?')
    await submit(page, 'Join the waiting list')
    await audit.check(page, 'waiting list confirmation')

    await open(paths.courses.show(course.id))
    await audit.check(page, 'full course page')
    // A fresh family on the full course: the journey ends in "Join the waiting list".
    await context.clearCookies()
    await open(paths.booking.start(course.id))
    await page.getByLabel('Full name').fill('Omar Haddad')
    await page.getByLabel('Email address').fill('omar.haddad@example.com')
    await submit(page, 'Continue')
    await page.getByLabel('Email', { exact: true }).check()
    await submit(page, 'Continue')
    await page.getByLabel('No').check()
    await submit(page, 'Continue')
    await page.getByLabel('I do not need any support').check()
    await submit(page, 'Continue')
    await audit.check(page, 'check your answers, joining the waiting list')
    await submit(page, 'Join the waiting list')
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
    await submit(page, 'Create a calendar link for your bookings')
    await page.locator('details.govuk-details summary').first().click()
    await audit.check(page, 'manage, calendar feed made')
    await open(paths.manage.cancel(booked.manageToken))
    await audit.check(page, 'cancel, confirm step')
    await page.getByLabel('Tell us why you are cancelling (optional)').fill('r'.repeat(501))
    await submit(page, 'Yes, cancel my booking')
    await audit.check(page, 'cancel, reason too long')
    await open(paths.manage.show(later.manageToken))
    await audit.check(page, 'manage, on the waiting list')
    await open(paths.manage.leave(later.manageToken))
    await audit.check(page, 'leave the waiting list, confirm step')

    await t.services.booking.cancel(booked.booking.id)
    await open(paths.manage.show(booked.manageToken))
    await audit.check(page, 'manage, cancelled')
    await open(paths.manage.show(waiting.manageToken))
    expect(await page.textContent('main')).to.contain('A place is free for you')
    await audit.check(page, 'manage, offered: accept or decline')
    await submit(page, 'Accept the place')
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
    await refuse('Send me a link', 'find my bookings, refused')
    await page.getByLabel('Email address').fill('found@example.com')
    await submit(page, 'Send me a link')
    await audit.check(page, 'find my bookings, link sent')
    const result = await testDatabase().pool.query<{ payload: { nonce: string } }>(
      "select payload from notifications where kind = 'find_my_bookings' order by id desc limit 1",
    )
    await open(paths.manage.findMyBookingsLink(accessLinkToken(t.config.sessionSecret, result.rows[0]!.payload.nonce)))
    await audit.check(page, 'your bookings, from the emailed link')
    expectNoFailures(4)
  })
})
