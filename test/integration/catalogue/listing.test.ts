import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { eq } from 'drizzle-orm'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { courses, sessions } from '../../../src/db/schema/index.js'
import { dayAndDate } from '../../../src/services/catalogue/describe.js'
import { bookPlaces, listedIds, listingText, nextWeekday, pageText } from './catalogue-helpers.js'

describe('catalogue listings', () => {
  const t = useTestApp()

  const home = async (query = '') => {
    const { app } = t
    return (await request(app).get(`/${query}`).expect(200)).text
  }

  describe('places left and status', () => {
    it('shows places left as capacity minus the places taken by confirmed bookings', async () => {
      const { course } = await aCourse({ capacity: 10 })
      await bookPlaces(course.id, 7)
      await bookPlaces(course.id, 2, 'waiting')
      await bookPlaces(course.id, 1, 'cancelled')
      expect(listingText(await home(), course.id)).to.contain('3 places left')
    })

    it('says "1 place left" for the last place', async () => {
      const { course } = await aCourse({ capacity: 4 })
      await bookPlaces(course.id, 3)
      expect(listingText(await home(), course.id))
        .to.contain('1 place left')
        .and.not.contain('places left')
    })

    it('shows a full course as "Full: join the waiting list"', async () => {
      const { course } = await aCourse({ capacity: 2 })
      await bookPlaces(course.id, 2)
      const text = listingText(await home(), course.id)
      expect(text).to.contain('Full: join the waiting list').and.not.contain('places left')
    })

    it('never shows fewer than 0 places left when staff have over-booked', async () => {
      const { course } = await aCourse({ capacity: 2, overbookedPlaces: 1 })
      await bookPlaces(course.id, 3)
      const text = listingText(await home(), course.id)
      expect(text).to.contain('Full: join the waiting list').and.not.contain('-1')
    })

    it('labels referral-only programmes "Referral only"', async () => {
      const programme = await aProgramme({ bookingMode: 'referral' })
      const { course } = await aCourse({ programmeId: programme.id })
      expect(listingText(await home(), course.id)).to.contain('Referral only')
    })

    it('labels courses with booking closed "Booking closed"', async () => {
      const { course } = await aCourse({ bookingOpen: false })
      expect(listingText(await home(), course.id)).to.contain('Booking closed')
    })

    it('shows the status as a GOV.UK tag', async () => {
      const { course } = await aCourse({ capacity: 5 })
      const $ = cheerio.load(await home())
      expect($(`.fh-listing[data-course-id="${course.id}"] .govuk-tag`).text().trim()).to.equal('5 places left')
    })
  })

  describe('what is listed', () => {
    it('lists a course once, however many sessions it has, with its sessions, hub and audience', async () => {
      const hub = await aHub({ name: 'Foleshill Family Hub' })
      const programme = await aProgramme({ title: 'Incredible Years', childAgeFromMonths: 36, childAgeToMonths: 96 })
      const first = nextWeekday(2)
      const { course, sessions: rows } = await aCourse({
        programmeId: programme.id,
        hubId: hub.id,
        sessions: weekly(first, 8, '10:00', '12:00'),
      })
      const html = await home()
      expect(listedIds(html)).to.deep.equal([course.id])
      const dayAndMonth = dayAndDate(rows[0]!.startsAt, new Date())
      const text = listingText(html, course.id)
      expect(text).to.contain(`Course: 8 weekly sessions from ${dayAndMonth}`).and.contain('10am to 12pm')
      expect(text).to.contain('Foleshill Family Hub').and.contain('Parents and carers of children aged 3 to 8')
    })

    it('lists a drop-in with its date and time, and an online course as "Online"', async () => {
      const dropIn = await aCourse({ kind: 'drop_in', sessions: [{ date: nextWeekday(3), start: '13:30', end: '15:00' }] })
      const online = await aCourse({ hubId: null, sessions: weekly(nextWeekday(4), 3, '19:00', '20:00') })
      const html = await home()
      const dropInText = listingText(html, dropIn.course.id)
      expect(dropInText).to.contain(`Drop-in: ${dayAndDate(dropIn.sessions[0]!.startsAt, new Date())}, 1:30pm to 3pm`)
      expect(listingText(html, online.course.id)).to.match(/Where Online/)
    })

    it('leaves out cancelled courses and courses whose sessions have all happened', async () => {
      const listed = await aCourse({})
      const cancelled = await aCourse({ cancelledAt: new Date() })
      const past = await aCourse({ sessions: [{ date: '2024-01-10' }, { date: '2024-01-17' }] })
      const onlyFutureSessionCancelled = await aCourse({ sessions: [{ date: '2024-01-10' }, { date: nextWeekday(1) }] })
      await testDatabase()
        .db.update(sessions)
        .set({ cancelledAt: new Date() })
        .where(eq(sessions.id, onlyFutureSessionCancelled.sessions[1]!.id))
      const underway = await aCourse({ sessions: [{ date: '2024-01-10' }, { date: nextWeekday(1) }] })
      const ids = listedIds(await home())
      expect(ids).to.include(listed.course.id).and.include(underway.course.id)
      expect(ids).not.to.include(cancelled.course.id)
      expect(ids).not.to.include(past.course.id)
      expect(ids).not.to.include(onlyFutureSessionCancelled.course.id)
    })

    it('lists the soonest first', async () => {
      const later = await aCourse({ sessions: [{ date: nextWeekday(3, 2) }] })
      const sooner = await aCourse({ sessions: [{ date: nextWeekday(3) }] })
      expect(listedIds(await home())).to.deep.equal([sooner.course.id, later.course.id])
    })
  })

  describe('pagination', () => {
    async function dropIns(n: number, hubId: number) {
      const programme = await aProgramme({ title: 'Stay and play' })
      const made: number[] = []
      for (let i = 0; i < n; i++) {
        const { course } = await aCourse({
          programmeId: programme.id,
          hubId,
          sessions: [{ date: nextWeekday(1 + (i % 7), Math.floor(i / 7)), start: '10:00' }],
        })
        made.push(course.id)
      }
      return made
    }

    it('shows 10 a page with the total count and GOV.UK pagination links', async () => {
      const hub = await aHub()
      await dropIns(23, hub.id)
      const html = await home()
      expect(listedIds(html)).to.have.length(10)
      expect(pageText(html)).to.contain('23 courses and drop-ins coming up').and.contain('Page 1 of 3')
      const $ = cheerio.load(html)
      expect($('.govuk-pagination__next a').attr('href')).to.equal('/?page=2')
      expect($('.govuk-pagination__prev')).to.have.length(0)
      expect($('.govuk-pagination__item--current a').text().trim()).to.equal('1')
    })

    it('shows the rest on the last page, and every entry once across the pages', async () => {
      const hub = await aHub()
      const made = await dropIns(23, hub.id)
      const pages = await Promise.all([1, 2, 3].map((n) => home(`?page=${n}`)))
      expect(listedIds(pages[2]!)).to.have.length(3)
      expect(pages.flatMap(listedIds).sort((a, b) => a - b)).to.deep.equal([...made].sort((a, b) => a - b))
      expect(cheerio.load(pages[2]!)('.govuk-pagination__next')).to.have.length(0)
    })

    it('keeps the filters in the page links and counts only what matches', async () => {
      const hub = await aHub()
      const other = await aHub()
      await dropIns(12, hub.id)
      await dropIns(3, other.id)
      const html = await home(`?hub=${hub.id}`)
      expect(pageText(html)).to.contain('12 courses and drop-ins match your filters')
      expect(cheerio.load(html)('.govuk-pagination__next a').attr('href')).to.equal(`/?hub=${hub.id}&page=2`)
    })

    it('shows the last page for a page number past the end', async () => {
      const hub = await aHub()
      await dropIns(12, hub.id)
      const html = await home('?page=99')
      expect(listedIds(html)).to.have.length(2)
      expect(pageText(html)).to.contain('Page 2 of 2')
    })

    it('shows no pagination when everything fits on one page', async () => {
      await aCourse({})
      expect(cheerio.load(await home())('.govuk-pagination')).to.have.length(0)
    })
  })

  it('keeps courses.places_taken in step with the listing', async () => {
    const { course } = await aCourse({ capacity: 6 })
    await bookPlaces(course.id, 4)
    const [row] = await testDatabase().db.select().from(courses).where(eq(courses.id, course.id))
    expect(row!.placesTaken).to.equal(4)
    expect(listingText(await home(), course.id)).to.contain('2 places left')
  })
})
