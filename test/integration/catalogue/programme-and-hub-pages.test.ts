import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { paths } from '../../../src/paths.js'
import { bookPlaces, listedIds, listingText, nextWeekday, pageText } from './catalogue-helpers.js'

describe('programme and hub pages', () => {
  const t = useTestApp()

  const get = async (url: string, status = 200) => {
    const { app } = t
    return (await request(app).get(url).expect(status)).text
  }

  describe('programme page', () => {
    it('describes the programme and lists its upcoming courses with places left', async () => {
      const programme = await aProgramme({
        slug: 'understanding-your-child-arabic',
        title: 'Understanding your child (in Arabic)',
        description: 'A parenting group led in Arabic.',
        topics: ['child-behaviour', 'emotional-wellbeing'],
        language: 'Arabic',
        delivery: 'both',
        childAgeFromMonths: 48,
        childAgeToMonths: 132,
      })
      const atHub = await aCourse({ programmeId: programme.id, capacity: 10, sessions: weekly(nextWeekday(5), 6, '13:00', '15:00') })
      const online = await aCourse({
        programmeId: programme.id,
        hubId: null,
        capacity: 5,
        sessions: weekly(nextWeekday(2), 4, '19:00', '20:00'),
      })
      const cancelled = await aCourse({ programmeId: programme.id, cancelledAt: new Date() })
      const otherProgramme = await aCourse({})
      await bookPlaces(atHub.course.id, 6)

      const html = await get(paths.programmes.show(programme.slug))
      const text = pageText(html)
      expect(cheerio.load(html)('h1').text().trim()).to.equal('Understanding your child (in Arabic)')
      expect(text).to.contain('A parenting group led in Arabic.')
      expect(text).to.contain("Child behaviour, Children's emotional wellbeing")
      expect(text).to.contain('Parents and carers of children aged 4 to 11')
      expect(text).to.contain('Arabic').and.contain('In person or online')
      expect(listedIds(html).sort()).to.deep.equal([atHub.course.id, online.course.id].sort())
      expect(listedIds(html)).not.to.include(cancelled.course.id).and.not.include(otherProgramme.course.id)
      expect(listingText(html, atHub.course.id)).to.contain('4 places left')
      expect(listingText(html, online.course.id)).to.contain('5 places left').and.contain('Online')
    })

    it('says so when a programme has no dates coming up', async () => {
      const programme = await aProgramme({ title: 'Talking teens' })
      expect(pageText(await get(paths.programmes.show(programme.slug)))).to.contain('There are no dates for Talking teens at the moment')
    })

    it('answers 404 for an unknown programme', async () => {
      expect(await get('/programmes/no-such-programme', 404)).to.contain('Page not found')
    })
  })

  describe('hub pages', () => {
    it('lists every hub with its address and phone number', async () => {
      await aHub({ name: 'Foleshill Family Hub', slug: 'foleshill', postcode: 'CV6 5DQ', phone: '01632 960101' })
      await aHub({ name: 'Canley Family Hub', slug: 'canley', postcode: 'CV4 8FT' })
      const html = await get(paths.hubs.index)
      const $ = cheerio.load(html)
      expect(
        $('.govuk-summary-card__title a')
          .map((_, a) => $(a).text().trim())
          .get(),
      ).to.deep.equal(['Canley Family Hub', 'Foleshill Family Hub'])
      expect($('a[href="/hubs/foleshill"]')).to.have.length(1)
      expect(pageText(html)).to.contain('CV6 5DQ').and.contain('01632 960101')
    })

    it("shows a hub's details and what is on there, and nothing from other hubs", async () => {
      const hub = await aHub({
        name: 'Radford Family Hub',
        slug: 'radford',
        stepFree: false,
        accessibilityNotes: 'There are 3 steps up to the main entrance.',
      })
      const other = await aHub()
      const here = await aCourse({ hubId: hub.id })
      const there = await aCourse({ hubId: other.id })
      const html = await get(paths.hubs.show('radford'))
      const text = pageText(html)
      expect(cheerio.load(html)('h1').text().trim()).to.equal('Radford Family Hub')
      expect(text).to.contain('No step-free access').and.contain('There are 3 steps up to the main entrance.')
      expect(listedIds(html)).to.deep.equal([here.course.id])
      expect(listedIds(html)).not.to.include(there.course.id)
    })

    it('answers 404 for an unknown hub', async () => {
      expect(await get('/hubs/no-such-hub', 404)).to.contain('Page not found')
    })
  })
})
