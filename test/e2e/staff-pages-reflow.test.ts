import { expect } from 'chai'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DateTime } from 'luxon'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../support/use-test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../support/builders.js'
import { aBookingRequest, aNewFamily } from '../support/booking-helpers.js'
import { chromiumPath, launchBrowser, serve, submit } from '../support/browser.js'
import { testDatabase } from '../support/root-hooks.js'
import { aStaffUser, PASSWORD } from '../integration/staff/staff-helpers.js'
import { attendance, auditLog, children } from '../../src/db/schema/index.js'
import { paths } from '../../src/paths.js'
import { attendanceStatuses } from '../../src/domain/booking.js'
import type { StaffRole } from '../../src/db/schema/index.js'

// Long values with no place to break, as staff really type them: pasted links, long addresses.
const longEmail = 'a.really.quite.long.email.address.for.checking@family-hubs-with-a-long-domain-name.example.org'
const pastedLink = 'https://forms.example.org/referrals/early-help/2026/assessment-reference-EH-2026-000123456789'
const longHubName = 'Stoke Aldermoor, Wyken and Willenhall Children’s Centre and Family Hub (Annexe Building)'
const longTitle = 'Incredible Years: parenting for children aged 3 to 6 with additional needs, including autism'

/** Fails in the page's words: what is wider than the screen and not in a labelled scrolling region. */
const reflowProblems = `(() => {
  const width = window.innerWidth
  const problems = []
  const pageWidth = document.documentElement.scrollWidth
  if (pageWidth > width) problems.push('the page scrolls sideways: ' + pageWidth + ' px wide')
  const describe = (element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
    (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (element.textContent || '').trim().slice(0, 40) + '"'
  const inLabelledRegion = (element) => {
    const region = element.parentElement && element.parentElement.closest('.app-table-scroll')
    return Boolean(region && region.getAttribute('role') === 'region' && (region.getAttribute('aria-label') || '').trim() &&
      region.getAttribute('tabindex') === '0')
  }
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect()
    if (box.width === 0 || box.height === 0) continue
    if (box.left >= -1 && box.right <= width + 1) continue
    if (inLabelledRegion(element)) continue
    problems.push(describe(element) + ' spans ' + Math.round(box.left) + ' to ' + Math.round(box.right) + ' px')
  }
  return problems.slice(0, 8)
})()`

/** Each attendance choice's label and radio, measured. */
const attendanceTargets = `Array.from(document.querySelectorAll('input[type=radio][name^="attendance-"]')).map((input) => {
  const label = document.querySelector('label[for="' + input.id + '"]').getBoundingClientRect()
  const radio = input.getBoundingClientRect()
  return { id: input.id, labelWidth: label.width, labelHeight: label.height, radioWidth: radio.width, radioHeight: radio.height }
})`

/**
 * Every staff page, for each role, reflows on a 320 px wide screen (WCAG 1.4.10) and fits a 768 px
 * tablet and a 1280 px desktop:
 * no sideways scrolling of the page, and anything wider than the screen is a table inside its own
 * labelled scrolling region. Registers have attendance choices big enough to tap (WCAG 2.5.8).
 */
describe('staff pages on a phone, a tablet and a desktop', function () {
  this.timeout(300_000)
  let browser: Browser
  let site: { url: string; close: () => Promise<void> }
  const ids = { hub: 0, programme: 0, course: 0, session: 0, dropInSession: 0, family: 0, booking: 0, waiting: 0 }
  const bookingIds: number[] = []
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
    const db = testDatabase().db
    const hub = await aHub({ name: longHubName })
    const programme = await aProgramme({ title: longTitle })
    const firstDay = DateTime.now().plus({ days: 5 }).toISODate()!
    const { course, sessions } = await aCourse({ capacity: 3, hubId: hub.id, programmeId: programme.id, sessions: weekly(firstDay, 3) })
    const { sessions: dropIn } = await aCourse({ capacity: 6, hubId: hub.id, programmeId: programme.id })
    const family = (n: number) =>
      aNewFamily({
        parentName: `Oluwaseun Adebayo-Fitzgerald-Montgomery ${n}`,
        email: `${n}.${longEmail}`,
        interpreterLanguage: 'Tigrinya',
        needsStepFree: true,
        needsChildcare: true,
        otherSupport: `Please read the referral first: ${pastedLink}`,
        priority: true,
        referredBy: 'Health visitor, Stoke Aldermoor',
        referralNotes: `Referral form: ${pastedLink}`,
      })
    for (const n of [1, 2, 3]) {
      const booked = await t.services.booking.book(aBookingRequest(course.id, { family: family(n) }))
      if (booked.outcome !== 'confirmed') throw new Error('set-up failed')
      bookingIds.push(booked.booking.id)
      await db.insert(children).values([
        { familyId: booked.booking.familyId, firstName: 'Maximilian-Alexander', ageYears: 4 },
        { familyId: booked.booking.familyId, firstName: 'Anastasia-Josephine', ageYears: 2 },
      ])
    }
    const waiting = await t.services.booking.joinWaitingList(aBookingRequest(course.id, { family: family(4) }))
    if (waiting.outcome !== 'waiting') throw new Error('set-up failed')
    Object.assign(ids, { hub: hub.id, programme: programme.id, course: course.id, session: sessions[0]!.id, dropInSession: dropIn[0]!.id })
    Object.assign(ids, { booking: bookingIds[0], waiting: waiting.booking.id })
    ids.family = (await t.services.staff.registers.register(ids.session))!.attendees[0]!.family.id
    const admin = await aStaffUser('admin', { email: `admin.${longEmail}`, name: 'Administrator With A Long Double-Barrelled Name' })
    userId = admin.id
    emails.admin = admin.email
    emails.hub_manager = (await aStaffUser('hub_manager', { hubIds: [hub.id], email: `manager.${longEmail}` })).email
    emails.reception = (await aStaffUser('reception', { email: `reception.${longEmail}` })).email
    emails.facilitator = (
      await aStaffUser('facilitator', { sessionIds: [sessions[0]!.id, dropIn[0]!.id], email: `facilitator.${longEmail}` })
    ).email
    await db.insert(auditLog).values({
      staffUserId: admin.id,
      action: 'family.updated',
      entityType: 'family',
      entityId: ids.family,
      familyId: ids.family,
      changes: { before: { email: longEmail, notes: pastedLink }, after: { email: `new.${longEmail}`, notes: `${pastedLink}/v2` } },
    })
    site = await serve(t.app)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await site?.close()
  })

  let context: BrowserContext
  let page: Page
  afterEach(() => context?.close())

  const signIn = async (role: StaffRole, javaScriptEnabled = true) => {
    context = await browser.newContext({ javaScriptEnabled, viewport: { width: 320, height: 640 } })
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
    await page.goto(site.url + paths.staff.signIn)
    await page.getByLabel('Email address').fill(emails[role])
    await page.getByLabel('Password').fill(PASSWORD)
    await submit(page, 'Sign in')
    expect(new URL(page.url()).pathname, `${role} signed in`).to.not.equal(paths.staff.signIn)
  }

  /** Pages that any role may be sent to; those a role may not use answer 403 and must fit too. */
  const pagesFor = async (): Promise<string[]> => {
    await page.goto(site.url + paths.staff.home)
    const menu = await page
      .locator('#navigation a')
      .evaluateAll((links: { getAttribute(name: string): string | null }[]) => links.map((link) => link.getAttribute('href')!))
    return [
      ...new Set([
        ...menu,
        paths.staff.account,
        `${paths.staff.families.index}?q=Oluwaseun`,
        paths.staff.families.new,
        paths.staff.families.show(ids.family),
        paths.staff.families.edit(ids.family),
        paths.staff.families.consent(ids.family),
        paths.staff.families.referral(ids.family),
        `${paths.staff.families.book(ids.family)}?q=`,
        paths.staff.bookings.show(ids.booking),
        paths.staff.bookings.show(ids.waiting),
        paths.staff.bookings.change(ids.booking),
        paths.staff.courses.index,
        paths.staff.courses.show(ids.course),
        paths.staff.courses.new,
        paths.staff.courses.newDropIn,
        paths.staff.sessions.register(ids.session),
        paths.staff.sessions.walkIn(ids.dropInSession),
        paths.staff.sessions.move(ids.session),
        paths.staff.sessions.cancel(ids.session),
        paths.staff.programmes.index,
        paths.staff.programmes.new,
        paths.staff.programmes.edit(ids.programme),
        paths.staff.hubs.index,
        paths.staff.hubs.new,
        paths.staff.hubs.edit(ids.hub),
        paths.staff.users.index,
        paths.staff.users.new,
        paths.staff.users.edit(userId),
        paths.staff.audit,
        paths.staff.dashboard,
        paths.staff.mySessions,
      ]),
    ]
  }

  /**
   * Opens each page once and checks it at each width: a resize re-runs the layout and the media
   * queries, so loading the page again per width would only make the test slower.
   */
  const checkReflow = async (pages: string[], widths = [320, 768, 1280]) => {
    const problems: string[] = []
    let opened = 0
    for (const path of pages) {
      await page.setViewportSize({ width: widths[0]!, height: 640 })
      const response = await page.goto(site.url + path)
      expect(response?.status(), `GET ${path}`).to.be.below(500)
      for (const width of widths) {
        await page.setViewportSize({ width, height: width === 320 ? 640 : 800 })
        if (response?.status() === 200) opened += 1
        for (const problem of (await page.evaluate(reflowProblems)) as string[]) problems.push(`${width} px, ${path}: ${problem}`)
      }
    }
    return { problems, opened }
  }

  for (const [role, atLeast] of [
    ['admin', 30],
    ['hub_manager', 15],
    ['reception', 8],
    ['facilitator', 4],
  ] as const) {
    it(`as ${role.replace('_', ' ')}: every page reflows at 320 px and fits at 768 and 1280 px`, async () => {
      await signIn(role)
      const pages = await pagesFor()
      const { problems, opened } = await checkReflow(pages)
      expect(problems, problems.join('\n')).to.deep.equal([])
      expect(opened, 'pages opened (all three widths)').to.be.at.least(atLeast * 3)
    })
  }

  it('without JavaScript (the whole menu showing), the admin pages reflow at 320 px', async () => {
    await signIn('admin', false)
    const { problems, opened } = await checkReflow(await pagesFor(), [320])
    expect(problems, problems.join('\n')).to.deep.equal([])
    expect(opened, 'pages opened').to.be.at.least(30)
  })

  it('the signed-out pages reflow at 320 px', async () => {
    context = await browser.newContext({ viewport: { width: 320, height: 640 } })
    page = await context.newPage()
    const { problems } = await checkReflow([paths.staff.signIn, paths.staff.forgotPassword, paths.staff.reset('x'.repeat(43))])
    expect(problems, problems.join('\n')).to.deep.equal([])
  })

  it('a register at 320 px has attendance choices at least 44 px each way', async () => {
    await signIn('facilitator')
    await page.goto(site.url + paths.staff.sessions.register(ids.session))
    const targets = (await page.evaluate(attendanceTargets)) as {
      id: string
      labelWidth: number
      labelHeight: number
      radioWidth: number
      radioHeight: number
    }[]
    expect(targets, 'each choice for each of three families').to.have.length(3 * attendanceStatuses.length)
    for (const target of targets) {
      expect(target.labelHeight, `${target.id}: label height`).to.be.at.least(44)
      expect(target.labelWidth, `${target.id}: label width`).to.be.at.least(44)
      expect(target.radioHeight, `${target.id}: radio height`).to.be.at.least(44)
      expect(target.radioWidth, `${target.id}: radio width`).to.be.at.least(44)
    }
  })

  it('a register prints as the table with a tick box per family, and shows cards on screen', async () => {
    await signIn('facilitator')
    await page.goto(site.url + paths.staff.sessions.register(ids.session))
    expect(await page.locator('#register').isVisible(), 'screen: no table').to.equal(false)
    expect(await page.locator('.fh-family-card').filter({ visible: true }).count(), 'screen: a card per family').to.equal(3)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('#register').isVisible(), 'print: the table').to.equal(true)
    expect(await page.locator('#register .fh-tick-box').filter({ visible: true }).count(), 'print: tick boxes').to.equal(3)
    expect(await page.locator('.fh-family-card').filter({ visible: true }).count(), 'print: no cards').to.equal(0)
    expect(await page.locator('input[type=radio]').filter({ visible: true }).count(), 'print: no form').to.equal(0)
  })

  it('a facilitator records attendance on a 320 px phone by tapping, without JavaScript', async () => {
    await signIn('facilitator', false)
    const register = paths.staff.sessions.register(ids.session)
    await page.goto(site.url + register)
    const choices = ['Attended', 'Did not attend', 'Cancelled late'] as const
    for (const [index, choice] of choices.entries()) {
      const family = page.getByRole('group', { name: `Oluwaseun Adebayo-Fitzgerald-Montgomery ${index + 1}`, exact: true })
      await family.getByText(choice, { exact: true }).click()
    }
    await submit(page, 'Save attendance')
    expect(new URL(page.url()).pathname).to.equal(register)
    expect(await page.locator('.govuk-notification-banner').innerText()).to.contain('Attendance saved (3 changes)')
    const rows = await testDatabase()
      .db.select()
      .from(attendance)
      .where(eq(attendance.sessionId, ids.session))
      .orderBy(attendance.bookingId)
    expect(rows.map((row) => [row.bookingId, row.status])).to.deep.equal([
      [bookingIds[0], 'attended'],
      [bookingIds[1], 'did_not_attend'],
      [bookingIds[2], 'cancelled_late'],
    ])
    // The saved choices are shown again, still without page-level sideways scrolling.
    expect(await page.locator(`input[name="attendance-${bookingIds[1]}"][value="did_not_attend"]`).isChecked()).to.equal(true)
    expect((await page.evaluate(reflowProblems)) as string[]).to.deep.equal([])
  })
})
