import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { aCourse, aHub, aProgramme } from '../../support/builders.js'
import { nextWeekday } from './catalogue-helpers.js'

/**
 * "This week", "next week" and a range of dates, in London days. The weeks chosen contain a clock
 * change, where a week is not 7 × 24 hours: a session just after London midnight on the Monday is
 * in the next week even though it is still Sunday in UTC.
 */
describe('catalogue date filter', () => {
  const t = useTestApp({ fresh: 'once' })
  const ids: Record<string, number> = {}

  before(async () => {
    const hubId = (await aHub()).id
    const programmeId = (await aProgramme({ title: 'Stay and play' })).id
    const at = async (name: string, date: string, start: string) => {
      ids[name] = (
        await aCourse({
          programmeId,
          hubId,
          sessions: [{ date, start, end: start === '23:30' ? '23:59' : start === '00:30' ? '01:30' : '11:00' }],
        })
      ).course.id
    }
    // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    await at('springSundayLate', '2026-03-29', '23:30')
    await at('springMondayEarly', '2026-03-30', '00:30')
    await at('springNextSundayLate', '2026-04-05', '23:30')
    await at('springWeekAfterMonday', '2026-04-06', '00:30')
    await at('autumnSundayLate', '2026-10-25', '23:30')
    await at('autumnMondayEarly', '2026-10-26', '00:30')
    await at('soon', nextWeekday(3), '10:00')
  })

  const found = async (query: Record<string, string>, now: Date) => {
    const result = await t.services.catalogue.search(query, now)
    expect(result.errors).to.deep.equal([])
    return result.listings.map((l) => l.courseId).sort((a, b) => a - b)
  }
  const expected = (...names: string[]) => names.map((name) => ids[name]!).sort((a, b) => a - b)

  it('"this week" is Monday to Sunday in London across the spring clock change', async () => {
    const wednesday = new Date('2026-03-25T12:00:00Z')
    expect(await found({ when: 'this-week' }, wednesday)).to.deep.equal(expected('springSundayLate'))
    expect(await found({ when: 'next-week' }, wednesday)).to.deep.equal(expected('springMondayEarly', 'springNextSundayLate'))
  })

  it('"this week" is Monday to Sunday in London across the autumn clock change', async () => {
    const wednesday = new Date('2026-10-21T12:00:00Z')
    expect(await found({ when: 'this-week' }, wednesday)).to.deep.equal(expected('autumnSundayLate'))
    expect(await found({ when: 'next-week' }, wednesday)).to.deep.equal(expected('autumnMondayEarly'))
  })

  it('a range of dates includes both London days, and either end may be left open', async () => {
    const before = new Date('2026-03-01T12:00:00Z')
    const range = (from: string, to: string) => {
      const [fd, fm, fy] = from ? from.split('/') : ['', '', '']
      const [td, tm, ty] = to ? to.split('/') : ['', '', '']
      return { when: 'dates', fromDay: fd!, fromMonth: fm!, fromYear: fy!, toDay: td!, toMonth: tm!, toYear: ty! }
    }
    expect(await found(range('29/3/2026', '29/3/2026'), before)).to.deep.equal(expected('springSundayLate'))
    expect(await found(range('30/03/2026', '5/4/2026'), before)).to.deep.equal(expected('springMondayEarly', 'springNextSundayLate'))
    expect(await found(range('', '30/3/2026'), before)).to.deep.equal(expected('springSundayLate', 'springMondayEarly'))
    const fromOctober = await found(range('25/10/2026', ''), before)
    expect(fromOctober).to.include.members(expected('autumnSundayLate', 'autumnMondayEarly', 'soon'))
    expect(fromOctober).not.to.include.members(expected('springSundayLate'))
  })

  it('reads typed dates as a range without the "Choose dates" choice (no JavaScript shows them all)', async () => {
    const before = new Date('2026-03-01T12:00:00Z')
    const query = { fromDay: '29', fromMonth: '3', fromYear: '2026', toDay: '29', toMonth: '3', toYear: '2026' }
    expect(await found(query, before)).to.deep.equal(expected('springSundayLate'))
    // This week wins over typed dates when it is chosen.
    expect(await found({ ...query, when: 'this-week' }, new Date('2026-03-25T12:00:00Z'))).to.deep.equal(expected('springSundayLate'))
  })

  it('shows this week and next week on the page', async () => {
    const res = await request(t.app).get('/').query({ when: 'next-week' }).expect(200)
    expect(cheerio.load(res.text)('#when-3').attr('checked')).to.not.equal(undefined)
  })

  const problems: { query: Record<string, string>; message: string; field: string }[] = [
    { query: { when: 'dates' }, message: 'Enter a start date, an end date or both', field: 'from-day' },
    {
      query: { when: 'dates', fromDay: '31', fromMonth: '2', fromYear: '2027' },
      message: 'Start date must be a real date',
      field: 'from-day',
    },
    { query: { when: 'dates', toDay: 'x', toMonth: '1', toYear: '2027' }, message: 'End date must be a real date', field: 'to-day' },
    { query: { fromDay: '1', fromMonth: '1', fromYear: '27' }, message: 'Start date must be a real date', field: 'from-day' },
    {
      query: { when: 'dates', fromDay: '2', fromMonth: '1', fromYear: '2027', toDay: '1', toMonth: '1', toYear: '2027' },
      message: 'End date must be the same as or after the start date',
      field: 'to-day',
    },
  ]
  for (const { query, message, field } of problems) {
    it(`says "${message}" with an error summary and a 400 for ${JSON.stringify(query)}`, async () => {
      const res = await request(t.app).get('/').query(query).expect(400)
      const $ = cheerio.load(res.text)
      expect($('title').text()).to.match(/^Error: /)
      const link = $('.govuk-error-summary a')
      expect(link.text()).to.contain(message)
      expect(link.attr('href')).to.equal(`#${field}`)
      expect($(`#${field}`).length).to.equal(1)
      expect($('.govuk-error-message').text()).to.contain(message)
      // The typed values are shown again to correct.
      if (query.fromYear) expect($('#from-year').attr('value')).to.equal(query.fromYear)
    })
  }

  it('ignores a "when" the form does not offer and says so', async () => {
    const res = await request(t.app).get('/').query({ when: 'tomorrow' }).expect(200)
    expect(cheerio.load(res.text)('[data-testid="ignored-filters"]').text()).to.contain('dates')
  })
})

describe("catalogue: what's on by day", () => {
  const t = useTestApp({ fresh: 'once' })
  const ids: Record<string, number> = {}
  const wednesday = nextWeekday(3)
  const thursday = nextWeekday(4)

  before(async () => {
    const hubId = (await aHub({ name: 'Alpha Family Hub' })).id
    const play = (await aProgramme({ title: 'Stay and play' })).id
    const potty = (await aProgramme({ title: 'Toilet training drop-in', topics: ['toilet-training'] })).id
    ids.play = (
      await aCourse({
        programmeId: play,
        hubId,
        sessions: [
          { date: wednesday, start: '10:00', end: '11:00' },
          { date: thursday, start: '09:00', end: '10:00' },
        ],
      })
    ).course.id
    ids.potty = (
      await aCourse({ programmeId: potty, hubId: null, sessions: [{ date: wednesday, start: '13:30', end: '15:00' }] })
    ).course.id
  })

  const days = async (query: Record<string, string>) => {
    const res = await request(t.app)
      .get('/')
      .query({ view: 'by-day', ...query })
      .expect(200)
    const $ = cheerio.load(res.text)
    return $('.fh-day')
      .map((_, el) => ({
        date: $(el).text().trim(),
        sessions: $(el)
          .next('ul')
          .find('.fh-day-session')
          .map((_, li) => $(li).text().replace(/\s+/g, ' ').trim())
          .get(),
      }))
      .get()
  }

  it('groups every session still to come by London date, in time order, with its place', async () => {
    const found = await days({})
    expect(found.map((d) => d.sessions)).to.deep.equal([
      ['10am to 11am: Stay and play, Alpha Family Hub', '1:30pm to 3pm: Toilet training drop-in, Online'],
      ['9am to 10am: Stay and play, Alpha Family Hub'],
    ])
    expect(found[0]!.date).to.match(/^Wednesday \d+ \w+/)
  })

  it('keeps the search and filters, and a session must itself be on the day asked for', async () => {
    expect((await days({ q: 'potty' })).map((d) => d.sessions)).to.deep.equal([['1:30pm to 3pm: Toilet training drop-in, Online']])
    expect((await days({ day: 'thursday' })).map((d) => d.sessions)).to.deep.equal([['9am to 10am: Stay and play, Alpha Family Hub']])
  })

  it('links between the list and the by-day view, keeping the filters', async () => {
    const res = await request(t.app).get('/').query({ q: 'play', view: 'by-day' }).expect(200)
    const $ = cheerio.load(res.text)
    expect($('[data-testid="view-choice"] a').attr('href')).to.equal('/?q=play')
    expect($('input[name="view"]').attr('value')).to.equal('by-day')
    const list = await request(t.app).get('/').query({ q: 'play' }).expect(200)
    expect(cheerio.load(list.text)('[data-testid="view-choice"] a').attr('href')).to.equal('/?q=play&view=by-day')
  })
})
