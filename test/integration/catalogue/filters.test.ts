import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'
import { listedIds, nextWeekday, pageText } from './catalogue-helpers.js'

/**
 * One small catalogue, then each filter on its own and in combination. Each course is chosen so
 * that exactly the expected ones match.
 */
describe('catalogue filters', () => {
  const t = useTestApp({ fresh: 'once' })
  let hubA: number
  let hubB: number
  const ids: Record<string, number> = {}

  before(async () => {
    hubA = (await aHub({ name: 'Alpha Family Hub', slug: 'alpha' })).id
    hubB = (await aHub({ name: 'Beta Family Hub', slug: 'beta' })).id
    const behaviour = await aProgramme({
      title: 'Incredible Years',
      topics: ['child-behaviour'],
      childAgeFromMonths: 36,
      childAgeToMonths: 96,
    })
    const toilet = await aProgramme({
      title: 'Toilet training drop-in',
      description: 'Advice about the potty and wetting.',
      topics: ['toilet-training'],
      childAgeFromMonths: 18,
      childAgeToMonths: 60,
    })
    const punjabi = await aProgramme({
      title: 'Rhymes and stories',
      summary: 'Songs and rhymes: 100% fun',
      topics: ['early-language-and-play'],
      language: 'Punjabi',
      childAgeFromMonths: 0,
      childAgeToMonths: 48,
    })
    const online = await aProgramme({
      title: 'Big feelings',
      topics: ['emotional-wellbeing'],
      delivery: 'online',
      childAgeFromMonths: 60,
      childAgeToMonths: 132,
    })
    const bumps = await aProgramme({
      title: 'Bumps and babies',
      topics: ['perinatal-mental-health'],
      audience: 'pregnant',
      childAgeFromMonths: 0,
      childAgeToMonths: 12,
    })
    const teens = await aProgramme({
      title: 'Talking teens',
      topics: ['talking-with-teenagers'],
      childAgeFromMonths: 132,
      childAgeToMonths: 216,
    })
    const training = await aProgramme({
      title: 'Practitioner training',
      topics: ['child-behaviour'],
      audience: 'practitioners',
      delivery: 'online',
    })

    ids.behaviour = (
      await aCourse({ programmeId: behaviour.id, hubId: hubA, sessions: weekly(nextWeekday(1), 4, '10:00', '12:00') })
    ).course.id
    ids.toilet = (
      await aCourse({ programmeId: toilet.id, hubId: hubB, sessions: [{ date: nextWeekday(2), start: '13:30', end: '15:00' }] })
    ).course.id
    ids.punjabi = (
      await aCourse({ programmeId: punjabi.id, hubId: hubA, sessions: [{ date: nextWeekday(3), start: '10:00', end: '11:00' }] })
    ).course.id
    ids.online = (await aCourse({ programmeId: online.id, hubId: null, sessions: weekly(nextWeekday(4), 3, '19:00', '20:30') })).course.id
    ids.bumps = (
      await aCourse({ programmeId: bumps.id, hubId: hubB, sessions: [{ date: nextWeekday(5), start: '10:00', end: '11:30' }] })
    ).course.id
    ids.teens = (await aCourse({ programmeId: teens.id, hubId: hubB, sessions: weekly(nextWeekday(3), 4, '18:00', '20:00') })).course.id
    ids.training = (
      await aCourse({ programmeId: training.id, hubId: null, sessions: weekly(nextWeekday(2), 2, '09:30', '12:30') })
    ).course.id
  })

  const search = async (query: string) => {
    const res = await request(t.app).get(`/${query}`).expect(200)
    return { ids: listedIds(res.text).sort((a, b) => a - b), text: pageText(res.text), html: res.text }
  }
  const expected = (...names: string[]) => names.map((name) => ids[name]!).sort((a, b) => a - b)

  it('lists every upcoming course and drop-in with no filters', async () => {
    const { ids: found, text } = await search('')
    expect(found).to.deep.equal(expected('behaviour', 'toilet', 'punjabi', 'online', 'bumps', 'teens', 'training'))
    expect(text).to.contain('7 courses and drop-ins coming up')
  })

  it('filters by topic', async () => {
    expect((await search('?topic=toilet-training')).ids).to.deep.equal(expected('toilet'))
    expect((await search('?topic=child-behaviour')).ids).to.deep.equal(expected('behaviour', 'training'))
  })

  it('filters by hub', async () => {
    expect((await search(`?hub=${hubA}`)).ids).to.deep.equal(expected('behaviour', 'punjabi'))
  })

  it("filters by the child's age: pregnancy, babies, toddlers, teenagers", async () => {
    expect((await search('?age=pregnant')).ids).to.deep.equal(expected('bumps'))
    expect((await search('?age=0-1')).ids).to.deep.equal(expected('punjabi', 'bumps'))
    expect((await search('?age=3-4')).ids).to.deep.equal(expected('behaviour', 'toilet', 'punjabi'))
    expect((await search('?age=11-18')).ids).to.deep.equal(expected('teens'))
  })

  it('filters by day of the week, in London time', async () => {
    expect((await search('?day=wednesday')).ids).to.deep.equal(expected('punjabi', 'teens'))
    expect((await search('?day=friday')).ids).to.deep.equal(expected('bumps'))
    expect((await search('?day=sunday')).ids).to.deep.equal([])
  })

  it('filters by morning, afternoon or evening, in London time', async () => {
    expect((await search('?time=morning')).ids).to.deep.equal(expected('behaviour', 'punjabi', 'bumps', 'training'))
    expect((await search('?time=afternoon')).ids).to.deep.equal(expected('toilet'))
    expect((await search('?time=evening')).ids).to.deep.equal(expected('online', 'teens'))
  })

  it('filters by in person or online', async () => {
    expect((await search('?delivery=online')).ids).to.deep.equal(expected('online', 'training'))
    expect((await search('?delivery=in_person')).ids).to.deep.equal(expected('behaviour', 'toilet', 'punjabi', 'bumps', 'teens'))
  })

  it('filters by language, whatever its case', async () => {
    expect((await search('?language=Punjabi')).ids).to.deep.equal(expected('punjabi'))
    expect((await search('?language=punjabi')).ids).to.deep.equal(expected('punjabi'))
  })

  it('searches titles, descriptions and topics for every word, ignoring case', async () => {
    expect((await search('?q=POTTY')).ids).to.deep.equal(expected('toilet'))
    expect((await search('?q=teenagers')).ids).to.deep.equal(expected('teens'))
    expect((await search('?q=incredible+years')).ids).to.deep.equal(expected('behaviour'))
    expect((await search('?q=incredible+potty')).ids).to.deep.equal([])
  })

  it('treats % and _ in the search as punctuation, never as wildcards', async () => {
    expect((await search('?q=100%25')).ids).to.deep.equal(expected('punjabi'))
    expect((await search('?q=10%25')).ids).to.deep.equal([])
    // Punctuation alone is no word to search for: the same as an empty search.
    expect((await search('?q=_')).ids).to.deep.equal((await search('')).ids)
    expect((await search('?q=%27%3B+drop+table+courses%3B--')).ids).to.deep.equal([])
  })

  it('combines filters: all of them must match', async () => {
    expect((await search(`?hub=${hubB}&time=evening`)).ids).to.deep.equal(expected('teens'))
    expect((await search(`?hub=${hubA}&day=wednesday&language=Punjabi`)).ids).to.deep.equal(expected('punjabi'))
    expect((await search(`?topic=child-behaviour&delivery=online&time=morning`)).ids).to.deep.equal(expected('training'))
    expect((await search(`?age=3-4&day=tuesday&q=potty&hub=${hubB}`)).ids).to.deep.equal(expected('toilet'))
  })

  it('says when nothing matches and offers to clear the filters', async () => {
    const { ids: found, text, html } = await search('?topic=child-behaviour&day=friday')
    expect(found).to.deep.equal([])
    expect(text).to.contain('No courses or drop-ins found')
    expect(cheerio.load(html)('a:contains("Clear filters")').attr('href')).to.equal('/')
  })

  it('shows the chosen filters in the form again', async () => {
    const $ = cheerio.load((await search(`?hub=${hubA}&day=monday&q=years`)).html)
    expect($('#hub option:selected').val()).to.equal(String(hubA))
    expect($('#day option:selected').val()).to.equal('monday')
    expect($('#q').val()).to.equal('years')
    expect($('form[method="get"]').attr('action')).to.equal('/')
  })

  it('ignores filter values it does not recognise, says so, and never fails', async () => {
    for (const query of [
      '?hub=abc',
      '?hub=999999',
      '?hub=99999999999999',
      '?page=-1',
      '?page=abc',
      '?age=zzz',
      '?day=someday',
      '?time=noon',
      '?delivery=carrier-pigeon',
      '?language=Klingon',
      `?q=${'x'.repeat(5000)}`,
      '?hub[a]=1',
      '?hub=1&hub=2',
    ]) {
      const res = await request(t.app).get(`/${query}`)
      expect(res.status, query).to.equal(200)
    }
    // A control character is refused with words to act on (PostgreSQL can't hold U+0000 at all).
    for (const query of ['?topic=%00', '?q=%00', '?q=a%00b', '?language=%00']) {
      const res = await request(t.app).get(`/${query}`)
      expect(res.status, query).to.equal(400)
      expect(res.text, query).to.contain('characters we cannot accept')
    }
    const { ids: found, text } = await search('?hub=abc&age=zzz&page=-1')
    expect(found).to.have.length(7)
    expect(text).to.contain("We did not recognise the family hub and child's age you chose")
  })
})
