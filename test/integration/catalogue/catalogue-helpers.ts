import * as cheerio from 'cheerio'
import { DateTime } from 'luxon'
import { testDatabase } from '../../support/root-hooks.js'
import { bookings, families, type BookingStatus } from '../../../src/db/schema/index.js'
import { LONDON } from '../../../src/time.js'

let familyCounter = 0

/**
 * Takes `n` places on a course the way the service does: bookings by different families, counted
 * into courses.places_taken by the database trigger. Waiting or ended bookings hold no place.
 */
export async function bookPlaces(courseId: number, n: number, status: BookingStatus = 'confirmed'): Promise<void> {
  const db = testDatabase().db
  for (let i = 0; i < n; i++) {
    const k = ++familyCounter
    const email = `parent${k}@example.com`
    const [family] = await db
      .insert(families)
      .values({ parentName: `Parent ${k}`, email })
      .returning()
    await db.insert(bookings).values({
      reference: `FH-T${String(k).padStart(3, '0')}-AA`,
      courseId,
      familyId: family!.id,
      status,
      contactEmail: email,
      manageNonce: `nonce-${k}`,
      manageTokenHash: `hash-${k}`,
      waitlistJoinedAt: status === 'waiting' ? new Date() : null,
      endedAt: status === 'cancelled' ? new Date() : null,
    })
  }
}

/** The London date (YYYY-MM-DD) of the given ISO weekday (1 Monday ... 7 Sunday) in the week after next. */
export function nextWeekday(isoWeekday: number, weeksLater = 0): string {
  let day = DateTime.now().setZone(LONDON).plus({ days: 8 })
  while (day.weekday !== isoWeekday) day = day.plus({ days: 1 })
  return day.plus({ weeks: weeksLater }).toISODate()!
}

/** Course ids listed on a catalogue page, in order. */
export function listedIds(html: string): number[] {
  const $ = cheerio.load(html)
  return $('.fh-listing')
    .map((_, el) => Number($(el).attr('data-course-id')))
    .get()
}

/** The text of the listing for one course, whitespace collapsed. */
export function listingText(html: string, courseId: number): string {
  const $ = cheerio.load(html)
  return squash($(`.fh-listing[data-course-id="${courseId}"]`).text())
}

export const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

export const pageText = (html: string): string => squash(cheerio.load(html)('main').text())
