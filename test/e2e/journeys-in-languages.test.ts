import { expect } from 'chai'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DateTime } from 'luxon'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../support/use-test-app.js'
import { testDatabase } from '../support/root-hooks.js'
import { aCourse, aProgramme, weekly } from '../support/builders.js'
import { chromiumPath, launchBrowser, serve, submitEmptied } from '../support/browser.js'
import { AxeAudit } from '../support/axe.js'
import type { ReceivedEmail } from '../support/fake-smtp.js'
import { makeRemindersDue, reminderRows } from '../integration/reminders/reminder-helpers.js'
import { bookings } from '../../src/db/schema/index.js'
import { languageFacts, type Language } from '../../src/i18n/languages.js'
import { translator } from '../../src/i18n/translator.js'
import { paths } from '../../src/paths.js'

/**
 * A Polish-, Punjabi- or Arabic-speaking parent finds a course, books it, is reminded and cancels,
 * and a second family waits, is offered the freed place and accepts it, all in their language, in
 * a real browser. Every page on the way passes axe. The bookings remember the language, and the
 * emails (confirmation, reminder, offer) are written in it.
 */
describe('families book, are reminded, cancel and accept an offer in their own language', function () {
  this.timeout(180_000)
  let browser: Browser
  let site: { url: string; close: () => Promise<void> }

  before(function () {
    if (!chromiumPath()) {
      console.warn("    (skipped: no Chromium installed; .ci/run installs Debian's chromium)")
      this.skip()
    }
  })
  const t = useTestApp({
    fresh: 'once',
    fakes: { smtp: true },
    env: ({ smtp }) => ({ SMTP_URL: smtp.url, RATE_LIMIT_BOOKING_POSTS: '10000' }),
  })
  before(async () => {
    site = await serve(t.app)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await site?.close()
  })

  const inDays = (days: number) => DateTime.now().plus({ days }).toISODate()!

  for (const language of ['pl', 'pa', 'ar'] as const satisfies readonly Language[]) {
    describe(languageFacts[language].englishName, () => {
      const tr = translator(language)
      const audit = new AxeAudit()
      const contexts: BrowserContext[] = []
      afterEach(() => Promise.all(contexts.splice(0).map((context) => context.close())))

      async function newPage(): Promise<Page> {
        const context = await browser.newContext({ javaScriptEnabled: true })
        contexts.push(context)
        const page = await context.newPage()
        page.setDefaultTimeout(10_000)
        return page
      }

      /** The page is in the language (lang, and dir for Arabic), says `heading` in its h1, and passes axe. */
      async function expectPage(page: Page, state: string, heading?: string) {
        const html = page.locator('html')
        expect(await html.getAttribute('lang'), `${state}: lang`).to.equal(language)
        expect(await html.getAttribute('dir'), `${state}: dir`).to.equal(languageFacts[language].dir)
        if (heading) expect(await page.locator('h1').first().textContent(), `${state}: h1`).to.contain(heading)
        await audit.check(page, `${language}, ${state}`)
      }

      /** Presses the form's main button (by what it does, not its words) and waits for the next page. */
      async function press(page: Page, selector = 'main form button.govuk-button') {
        await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()])
      }

      /** The emails that arrive at `address` from now, once delivery runs. */
      async function deliveredTo(address: string, before: number): Promise<ReceivedEmail[]> {
        await t.services.notificationDelivery.deliverDue()
        return t.smtp.messages.slice(before).filter((email) => email.envelope.to.includes(address))
      }

      const expectWrittenIn = (email: ReceivedEmail | undefined, what: string) => {
        expect(email, `${what} sent`).to.not.equal(undefined)
        expect(/<html[^>]*\slang="([^"]+)"/.exec(email!.html)?.[1], `${what}: <html lang>`).to.equal(language)
      }

      /** From the catalogue to the confirmation, as a family with no children to tell us about. */
      async function bookThroughTheJourney(page: Page, courseId: number, title: string, family: { name: string; email: string }) {
        await page.goto(`${site.url}${paths.home}?lang=${language}&q=${encodeURIComponent(title)}`)
        await expectPage(page, 'catalogue search')
        await Promise.all([
          page.waitForNavigation(),
          page
            .locator(`main a[href="${paths.courses.show(courseId)}"]`)
            .first()
            .click(),
        ])
        await expectPage(page, 'course page')
        await Promise.all([
          page.waitForNavigation(),
          page
            .locator(`main a[href="${paths.booking.start(courseId)}"]`)
            .first()
            .click(),
        ])
        await expectPage(page, 'your details', tr('booking:yourDetails.title'))
        await page.locator('#full-name').fill(family.name)
        await page.locator('#email').fill(family.email)
        await press(page)
        await expectPage(page, 'contact', tr('booking:contactPreferences.legend'))
        await page.locator('input[name="contactBy"][value="email"]').check()
        await press(page)
        await expectPage(page, 'children', tr('booking:children.titleAsk'))
        await page.locator('input[name="addChild"][value="no"]').check()
        await press(page)
        await expectPage(page, 'support', tr('booking:support.legend'))
        await page.locator('input[name="support"][value="none"]').check()
        await press(page)
      }

      it('books a place, confirms, reminds and cancels in the language; the booking and its emails keep it', async () => {
        const title = `Zumbini ${language}`
        const programme = await aProgramme({ title })
        const { course } = await aCourse({ programmeId: programme.id, capacity: 1, sessions: weekly(inDays(10), 1) })
        const page = await newPage()
        const family = { name: 'Amira Nowak', email: `amira.${language}@example.com` }
        const sentBefore = t.smtp.messages.length

        await bookThroughTheJourney(page, course.id, title, family)
        await expectPage(page, 'check your answers', tr('booking:check.headingBook'))
        expect(await page.textContent('main')).to.contain(tr('booking:check.noSupport'))
        await press(page)
        await expectPage(page, 'confirmation', tr('booking:confirmation.booked'))
        const reference = /FH-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{2}/.exec((await page.textContent('.govuk-panel')) ?? '')?.[0]
        expect(reference, 'reference on the confirmation').to.be.a('string')
        const manageLink = await page.locator('main a[href^="/manage/"]:not([href$=".ics"])').first().getAttribute('href')
        const [booking] = await testDatabase().db.select().from(bookings).where(eq(bookings.reference, reference!))
        expect(booking).to.include({ status: 'confirmed', language })

        const [confirmation] = await deliveredTo(family.email, sentBefore)
        expectWrittenIn(confirmation, 'the confirmation email')

        await makeRemindersDue(booking!.id)
        const afterConfirmation = t.smtp.messages.length
        const reminders = await deliveredTo(family.email, afterConfirmation)
        const sentReminders = (await reminderRows(booking!.id)).filter((row) => row.state === 'sent')
        expect(
          sentReminders.map((row) => row.channel),
          'the reminder sent for this booking',
        ).to.deep.equal(['email'])
        expect(reminders, 'one reminder email').to.have.length(1)
        expect(reminders[0]!.text, 'the reminder is for this booking').to.contain(manageLink)
        expectWrittenIn(reminders[0], 'the reminder email')

        // The manage page, its calendar feed controls, and cancelling, all in the language.
        await page.goto(`${site.url}${manageLink}`)
        await expectPage(page, 'manage, booked', tr('manage:show.title'))
        expect(await page.textContent('main')).to.contain(tr('manage:status.confirmed'))
        await press(page, 'main button[name="action"][value="create"]')
        expect(await page.textContent('.govuk-notification-banner')).to.contain(tr('manage:calendarFeed.created'))
        await page.locator('details.govuk-details summary').first().click()
        await expectPage(page, 'manage, calendar link made', tr('manage:show.title'))
        await Promise.all([page.waitForNavigation(), page.locator('main a.govuk-button--warning').click()])
        await expectPage(page, 'cancel, confirm', tr('manage:cancel.heading'))
        await page.locator('#reason').fill('r'.repeat(501))
        await press(page)
        await expectPage(page, 'cancel, reason too long')
        expect(await page.textContent('.govuk-error-summary')).to.contain(tr('manage:errors.reasonTooLong', { max: 500 }))
        await page.locator('#reason').fill('')
        await press(page)
        await expectPage(page, 'manage, cancelled', tr('manage:show.title'))
        expect(await page.textContent('.govuk-notification-banner')).to.contain(tr('manage:notices.cancelled'))
        expect((await testDatabase().db.select().from(bookings).where(eq(bookings.id, booking!.id)))[0]!.status).to.equal('cancelled')
        expect(audit.failures, audit.failures.join('\n\n')).to.deep.equal([])
      })

      it('joins the waiting list, is offered a freed place and accepts it from the emailed link, in the language', async () => {
        const title = `Rhymetime ${language}`
        const programme = await aProgramme({ title })
        const { course } = await aCourse({ programmeId: programme.id, capacity: 1, sessions: weekly(inDays(12), 2) })
        const first = await t.services.booking.book({
          courseId: course.id,
          source: 'online',
          language,
          family: { parentName: 'First Family', email: `first.${language}@example.com`, contactByEmail: true, contactBySms: false },
        })
        if (first.outcome !== 'confirmed') throw new Error(`set-up: ${first.outcome}`)

        const page = await newPage()
        const family = { name: 'Harpreet Kaur', email: `harpreet.${language}@example.com` }
        await bookThroughTheJourney(page, course.id, title, family)
        await expectPage(page, 'check your answers, waiting list', tr('booking:check.headingWaitingList'))
        // Refused first: the errors are in the language too.
        await page.goto(`${site.url}${paths.booking.yourDetails(course.id)}`)
        await submitEmptied(page, tr('booking:continue'))
        await expectPage(page, 'your details, refused')
        expect(await page.textContent('.govuk-error-summary')).to.contain(tr('booking:errors.fullName.missing'))
        await page.locator('#full-name').fill(family.name)
        await page.locator('#email').fill(family.email)
        await press(page)
        await expectPage(page, 'check your answers, waiting list, again', tr('booking:check.headingWaitingList'))
        await press(page)
        await expectPage(page, 'waiting list confirmation', tr('booking:confirmation.waiting'))
        const [waiting] = await testDatabase().db.select().from(bookings).where(eq(bookings.contactEmail, family.email))
        expect(waiting).to.include({ status: 'waiting', language })
        // The waiting-list email goes now, so that only the offer arrives after the cancellation.
        expectWrittenIn((await deliveredTo(family.email, t.smtp.messages.length))[0], 'the waiting list email')

        const sentBefore = t.smtp.messages.length
        await t.services.booking.cancel(first.booking.id)
        const [offer] = await deliveredTo(family.email, sentBefore)
        expectWrittenIn(offer, 'the offer email')
        const manageLink = /\/manage\/[A-Za-z0-9_-]+/.exec(offer!.text)![0]

        // Opened from the email in a new browser, with no language chosen: the family's own.
        const fromEmail = await newPage()
        await fromEmail.goto(`${site.url}${manageLink}`)
        await expectPage(fromEmail, 'manage, offered', tr('manage:show.title'))
        expect(await fromEmail.textContent('main')).to.contain(tr('manage:offer.heading'))
        await press(fromEmail, `main form[action="${manageLink}/accept"] button`)
        await expectPage(fromEmail, 'manage, offer accepted', tr('manage:show.title'))
        expect(await fromEmail.textContent('.govuk-notification-banner')).to.contain(tr('manage:notices.accepted'))
        expect((await testDatabase().db.select().from(bookings).where(eq(bookings.id, waiting!.id)))[0]!.status).to.equal('confirmed')
        expect(audit.failures, audit.failures.join('\n\n')).to.deep.equal([])
      })
    })
  }
})
