import * as cheerio from 'cheerio'
import type { Agent, Response } from 'supertest'
import { eq, sql } from 'drizzle-orm'
import { testDatabase } from './root-hooks.js'
import { bookings, courses, families } from '../../src/db/schema/index.js'
import type { BookInput, NewFamily } from '../../src/services/booking/booking-types.js'
import { bookingMessageKinds } from '../../src/services/notifications/booking-notifier.js'

let counter = 0

/** A new family with its own email and phone (so it never clashes with another test family). */
export function aNewFamily(overrides: Partial<NewFamily> = {}): NewFamily {
  const n = ++counter
  return {
    parentName: `Parent ${n}`,
    email: `parent-${n}-${process.pid}@example.com`,
    phone: `+447${String(100000000 + ((n * 7919 + process.pid) % 899999999)).padStart(9, '0')}`,
    contactByEmail: true,
    contactBySms: false,
    consentGivenAt: new Date(),
    consentSource: 'online',
    ...overrides,
  }
}

/** A booking request for the course from a new family, online unless told otherwise. */
export function aBookingRequest(courseId: number, overrides: Partial<BookInput> & { family?: BookInput['family'] } = {}): BookInput {
  return { courseId, family: aNewFamily(), source: 'online', ...overrides }
}

export async function bookingRow(bookingId: number) {
  const [row] = await testDatabase().db.select().from(bookings).where(eq(bookings.id, bookingId))
  return row!
}

export async function courseRow(courseId: number) {
  const [row] = await testDatabase().db.select().from(courses).where(eq(courses.id, courseId))
  return row!
}

export async function statusCounts(courseId: number): Promise<Record<string, number>> {
  const result = await testDatabase().db.execute<{ status: string; n: number }>(
    sql`select status, count(*)::int as n from bookings where course_id = ${courseId} group by status`,
  )
  return Object.fromEntries(result.rows.map((row) => [row.status, Number(row.n)]))
}

export async function markPriority(familyId: number): Promise<void> {
  await testDatabase().db.update(families).set({ priority: true }).where(eq(families.id, familyId))
}

/** The booking-event messages the notifier wrote for a booking, as "kind:channel" (reminders left out). */
export async function notificationKinds(bookingId: number): Promise<string[]> {
  const result = await testDatabase().db.execute<{ kind: string; channel: string }>(
    sql`select kind, channel from notifications where booking_id = ${bookingId} order by id`,
  )
  return result.rows
    .filter((row) => (bookingMessageKinds as readonly string[]).includes(row.kind))
    .map((row) => `${row.kind}:${row.channel}`)
}

/** The hidden CSRF token of the first form on a page, as a browser would send it back. */
export function csrfTokenFrom(html: string): string {
  const token = cheerio.load(html)('input[name="_csrf"]').first().val()
  if (typeof token !== 'string' || token === '') throw new Error('No CSRF token on the page')
  return token
}

/** GETs the page (for its CSRF token), then POSTs the form to the same or another URL. */
export async function submitForm(
  agent: Agent,
  pageUrl: string,
  fields: Record<string, string | string[]>,
  postUrl = pageUrl,
): Promise<Response> {
  const page = await agent.get(pageUrl)
  // 400 is a form page showing the last submission's errors; it still has its CSRF token.
  if (page.status !== 200 && page.status !== 400)
    throw new Error(`GET ${pageUrl} gave ${page.status} (location ${String(page.headers.location)})`)
  return agent
    .post(postUrl)
    .type('form')
    .send({ ...fields, _csrf: csrfTokenFrom(page.text) })
}

/** The page's error summary messages and inline field errors. */
export function errorsOn(html: string): { summary: string[]; fields: string[] } {
  const $ = cheerio.load(html)
  const clean = (text: string) =>
    text
      .replace(/^Error:\s*/, '')
      .replace(/\s+/g, ' ')
      .trim()
  return {
    summary: $('.govuk-error-summary__list li')
      .map((_, el) => clean($(el).text()))
      .get(),
    fields: $('.govuk-error-message')
      .map((_, el) => clean($(el).text()))
      .get(),
  }
}

export interface JourneyAnswers {
  fullName?: string
  email?: string
  phone?: string
  contactBy?: string[]
  children?: Record<string, string>[]
  support?: Record<string, string | string[]>
}

/**
 * Walks the online journey up to "check your answers" as a browser would (GET each page for its
 * CSRF token, POST, follow the redirect). Returns the check page's response.
 */
export async function answerJourney(agent: Agent, courseId: number, answers: JourneyAnswers = {}): Promise<Response> {
  const { paths } = await import('../../src/paths.js')
  const start = await agent.get(paths.booking.start(courseId))
  if (start.status !== 302) throw new Error(`start gave ${start.status}`)
  const expectRedirect = async (res: Response, step: string) => {
    if (res.status !== 302) throw new Error(`${step} gave ${res.status}`)
    const page = (res.request as unknown as { url: string }).url
    if (page.endsWith(res.headers.location as string)) {
      const errors = errorsOn((await agent.get(res.headers.location as string)).text)
      throw new Error(`${step} was refused: ${errors.summary.join('; ')}`)
    }
    return res
  }
  await expectRedirect(
    await submitForm(agent, paths.booking.yourDetails(courseId), {
      fullName: answers.fullName ?? 'Sam Parent',
      email: answers.email ?? `sam-${++counter}@example.com`,
      phone: answers.phone ?? '',
    }),
    'your details',
  )
  await expectRedirect(await submitForm(agent, paths.booking.contact(courseId), { contactBy: answers.contactBy ?? ['email'] }), 'contact')
  for (const child of answers.children ?? []) {
    await expectRedirect(await submitForm(agent, paths.booking.children(courseId), { addChild: 'yes' }), 'children')
    await expectRedirect(await submitForm(agent, paths.booking.addChild(courseId), child), 'add child')
  }
  await expectRedirect(await submitForm(agent, paths.booking.children(courseId), { addChild: 'no' }), 'no more children')
  await expectRedirect(await submitForm(agent, paths.booking.support(courseId), answers.support ?? { support: 'none' }), 'support')
  const check = await agent.get(paths.booking.check(courseId))
  if (check.status !== 200) throw new Error(`check your answers gave ${check.status}`)
  return check
}

/** The confirm form's fields on a check-your-answers (or "full") page. */
export function confirmFields(html: string): Record<string, string> {
  const $ = cheerio.load(html)
  const form = $('input[name="requestKey"]').closest('form')
  const fields: Record<string, string> = {}
  form.find('input[type="hidden"]').each((_, el) => {
    fields[$(el).attr('name')!] = String($(el).val() ?? '')
  })
  return fields
}
