import { expect } from 'chai'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DateTime } from 'luxon'
import { useTestApp } from '../support/use-test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../support/builders.js'
import { aBookingRequest } from '../support/booking-helpers.js'
import { chromiumPath, launchBrowser, serve, submit, submitEmptied } from '../support/browser.js'
import { AxeAudit } from '../support/axe.js'
import { aStaffUser, PASSWORD } from '../integration/staff/staff-helpers.js'
import { paths } from '../../src/paths.js'
import type { StaffRole } from '../../src/db/schema/index.js'

/**
 * Every staff page, for each role, in its normal state and (for forms) refused with errors, passes
 * axe's WCAG 2.2 A and AA rules with the page's scripts running. Each role signs in through the
 * real form; one browser page per role is reused for every URL.
 */
describe('every staff page passes axe for each role, scripts running', function () {
  this.timeout(180_000)
  let browser: Browser
  let site: { url: string; close: () => Promise<void> }
  const ids = { hub: 0, programme: 0, course: 0, fullCourse: 0, session: 0, dropInSession: 0, family: 0, booking: 0, waiting: 0 }
  const emails = {} as Record<StaffRole, string>
  let userId = 0

  before(function () {
    if (!chromiumPath()) {
      console.warn("    (skipped: no Chromium installed; .ci/run installs Debian's chromium)")
      this.skip()
    }
  })
  const t = useTestApp({ fresh: 'once' })
  before(async () => {
    const hub = await aHub()
    const programme = await aProgramme()
    const firstDay = DateTime.now().plus({ days: 5 }).toISODate()!
    const { course, sessions } = await aCourse({ capacity: 6, hubId: hub.id, programmeId: programme.id, sessions: weekly(firstDay, 3) })
    const { course: fullCourse } = await aCourse({ capacity: 1, hubId: hub.id, programmeId: programme.id, sessions: weekly(firstDay, 2) })
    // Walk-ins are for drop-ins (a one-session course).
    const { sessions: dropIn } = await aCourse({ capacity: 6, hubId: hub.id, programmeId: programme.id })
    const booked = await t.services.booking.book(aBookingRequest(course.id))
    await t.services.booking.book(aBookingRequest(fullCourse.id))
    const waiting = await t.services.booking.joinWaitingList(aBookingRequest(fullCourse.id))
    if (booked.outcome !== 'confirmed' || waiting.outcome !== 'waiting') throw new Error('set-up failed')
    Object.assign(ids, {
      hub: hub.id,
      programme: programme.id,
      course: course.id,
      fullCourse: fullCourse.id,
      session: sessions[0]!.id,
      dropInSession: dropIn[0]!.id,
    })
    Object.assign(ids, { family: booked.booking.familyId, booking: booked.booking.id, waiting: waiting.booking.id })
    const admin = await aStaffUser('admin')
    userId = admin.id
    emails.admin = admin.email
    emails.hub_manager = (await aStaffUser('hub_manager', { hubIds: [hub.id] })).email
    emails.reception = (await aStaffUser('reception')).email
    emails.facilitator = (await aStaffUser('facilitator', { sessionIds: [sessions[0]!.id, dropIn[0]!.id] })).email
    site = await serve(t.app)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await site?.close()
  })

  let context: BrowserContext
  let page: Page
  let audit: AxeAudit
  beforeEach(async () => {
    context = await browser.newContext({ javaScriptEnabled: true })
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
    audit = new AxeAudit()
  })
  afterEach(() => context?.close())

  const open = async (path: string, state = 'normal') => {
    const response = await page.goto(site.url + path)
    expect(response?.status(), `GET ${path}`).to.be.below(500)
    await audit.check(page, `${path}, ${state}`)
  }
  /** Opens a form page, audits it, presses its button with every field emptied and audits the refusal. */
  const openAndRefuse = async (path: string, button: string) => {
    await open(path)
    await refuse(button, `${path}, refused`)
  }
  const refuse = async (button: string, state: string) => {
    await submitEmptied(page, button)
    expect(await page.locator('.govuk-error-summary').count(), `${state}: an error summary`).to.equal(1)
    await audit.check(page, state)
  }
  const signIn = async (role: StaffRole) => {
    await page.goto(site.url + paths.staff.signIn)
    await page.getByLabel('Email address').fill(emails[role])
    await page.getByLabel('Password').fill(PASSWORD)
    await submit(page, 'Sign in')
    expect(new URL(page.url()).pathname, `${role} signed in`).to.not.equal(paths.staff.signIn)
  }
  /** Home and every page in the role's own menu. */
  const openMenu = async () => {
    await open(paths.staff.home)
    const menu = await page
      .locator('#navigation a')
      .evaluateAll((links: { getAttribute(name: string): string | null }[]) => links.map((link) => link.getAttribute('href')!))
    for (const href of menu) await open(href)
    return menu
  }
  const expectNoFailures = (atLeast: number) => {
    expect(audit.failures, audit.failures.join('\n\n')).to.deep.equal([])
    expect(audit.checked, 'pages and states audited').to.be.at.least(atLeast)
  }

  it('signing in, a forgotten password and an expired reset link', async () => {
    await openAndRefuse(paths.staff.signIn, 'Sign in')
    await page.getByLabel('Email address').fill(emails.admin)
    await page.getByLabel('Password').fill('not the password')
    await submit(page, 'Sign in')
    await audit.check(page, 'sign in, wrong password')
    await openAndRefuse(paths.staff.forgotPassword, 'Send the link')
    await page.getByLabel('Email address').fill(emails.admin)
    await submit(page, 'Send the link')
    await audit.check(page, 'forgotten password, link sent')
    await open(paths.staff.reset('x'.repeat(43)), 'expired link')
    expectNoFailures(6)
  })

  it('as an admin: every page, and every form refused', async () => {
    await signIn('admin')
    await openMenu()
    await open(paths.staff.account)
    // Every hub's calendar feed and "my sessions" made: the account page with its links and help.
    const create = page.locator('main').getByRole('button', { name: 'Create a calendar link' })
    while ((await create.count()) > 0) await Promise.all([page.waitForNavigation(), create.first().click()])
    await page.locator('details.govuk-details summary').first().click()
    await audit.check(page, 'account, calendar feeds made')
    await open(`${paths.staff.families.index}?q=Parent`, 'search results')
    await openAndRefuse(paths.staff.families.new, 'Save family')
    await open(paths.staff.families.show(ids.family))
    await page.getByText('Add a child', { exact: true }).click()
    await refuse('Add child', 'family record, child refused')
    await openAndRefuse(paths.staff.families.edit(ids.family), 'Save changes')
    // No messages at all is a valid answer (consent withdrawn); a channel without how they agreed is not.
    await open(paths.staff.families.consent(ids.family))
    await page.getByLabel('Emails').check()
    await submit(page, 'Record consent')
    expect(await page.locator('.govuk-error-summary').count(), 'consent refused: an error summary').to.equal(1)
    await audit.check(page, 'consent, refused')
    // Every referral field is optional: pressing Save on it blank saves, so no refused state.
    await open(paths.staff.families.referral(ids.family))
    await openAndRefuse(paths.staff.families.export(ids.family), 'Download the export')
    await openAndRefuse(paths.staff.families.erase(ids.family), 'Erase this family')
    await open(paths.staff.families.book(ids.family))
    await open(paths.staff.bookings.show(ids.booking))
    await open(paths.staff.bookings.show(ids.waiting), 'on the waiting list')
    // Moving onto the full course is refused (pressing it with nothing chosen is a 404, not a form error).
    await open(paths.staff.bookings.change(ids.booking))
    await page.locator(`input[name="courseId"][value="${ids.fullCourse}"]`).check()
    await submit(page, 'Move booking')
    expect(await page.locator('.govuk-error-summary').count(), 'move refused: an error summary').to.equal(1)
    await audit.check(page, 'move booking, refused')
    await open(paths.staff.courses.show(ids.course))
    await refuse('Change places', 'course, places refused')
    await openAndRefuse(paths.staff.courses.new, 'Save')
    await openAndRefuse(paths.staff.courses.newDropIn, 'Save')
    await open(paths.staff.sessions.cancel(ids.session))
    await openAndRefuse(paths.staff.sessions.move(ids.session), 'Move session')
    await open(paths.staff.sessions.register(ids.session))
    await openAndRefuse(paths.staff.sessions.walkIn(ids.dropInSession), 'Add to the register')
    await open(paths.staff.programmes.index)
    await openAndRefuse(paths.staff.programmes.new, 'Save programme')
    await openAndRefuse(paths.staff.programmes.edit(ids.programme), 'Save programme')
    await open(paths.staff.hubs.index)
    await openAndRefuse(paths.staff.hubs.new, 'Save hub')
    await openAndRefuse(paths.staff.hubs.edit(ids.hub), 'Save hub')
    await openAndRefuse(paths.staff.users.new, 'Save')
    await openAndRefuse(paths.staff.users.edit(userId), 'Save')
    await open(`${paths.staff.audit}?action=no-such-action`, 'filtered to nothing')
    // Reports (the menu opened them with the default dates): one hub, and the filter refused.
    await open(`${paths.staff.reports.index}?hub=${ids.hub}&course=${ids.course}`, 'one course')
    await openAndRefuse(paths.staff.reports.index, 'Show figures')
    await open('/staff/no-such-page', 'not found')
    expectNoFailures(50)
  })

  it('as a hub manager: the menu, courses, and booking over the limit refused', async () => {
    await signIn('hub_manager')
    await openMenu()
    await open(paths.staff.account)
    await open(paths.staff.courses.show(ids.fullCourse))
    await openAndRefuse(paths.staff.courses.new, 'Save')
    await openAndRefuse(paths.staff.reports.index, 'Show figures')
    // The last place goes while the manager is choosing: the "full" page, then over-booking without a reason.
    const { course } = await aCourse({ capacity: 1, hubId: ids.hub, programmeId: ids.programme })
    await open(`${paths.staff.families.book(ids.family)}?q=`)
    await t.services.booking.book(aBookingRequest(course.id))
    await page.locator(`form:has(input[name="courseId"][value="${course.id}"])`).getByRole('button').click()
    await page.waitForLoadState()
    await audit.check(page, 'staff booking, the place went')
    await refuse('Book over the limit', 'staff booking, over the limit without a reason')
    expectNoFailures(8)
  })

  it('as reception: the menu and the family pages', async () => {
    await signIn('reception')
    await openMenu()
    await open(paths.staff.families.show(ids.family))
    await openAndRefuse(paths.staff.families.edit(ids.family), 'Save changes')
    await open(paths.staff.families.book(ids.family))
    expectNoFailures(6)
  })

  it('as a facilitator: the menu, a register and a walk-in refused', async () => {
    await signIn('facilitator')
    const menu = await openMenu()
    expect(menu).to.include(paths.staff.mySessions)
    await open(paths.staff.sessions.register(ids.session))
    await openAndRefuse(paths.staff.sessions.walkIn(ids.dropInSession), 'Add to the register')
    await open(paths.staff.account)
    expectNoFailures(6)
  })
})
