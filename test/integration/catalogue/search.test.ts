import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../../support/use-test-app.js'
import { testDatabase } from '../../support/root-hooks.js'
import { seedDemoData } from '../../../src/cli/demo-data/demo-data.js'
import { pageText } from './catalogue-helpers.js'

/**
 * Searching the demo catalogue the way parents do: their own words, plurals, typos, languages and
 * input that is no search at all. Each row names what the top results must be.
 */
describe('catalogue search', () => {
  const t = useTestApp({ fresh: 'once' })

  before(async () => {
    await seedDemoData(testDatabase().db, new Date())
  })

  const search = async (q: string) => {
    const res = await request(t.app).get('/').query({ q }).expect(200)
    const $ = cheerio.load(res.text)
    $('.fh-listing h3 .govuk-visually-hidden').remove()
    const titles = $('.fh-listing h3')
      .map((_, el) => $(el).text().trim())
      .get()
    const didYouMean = $('[data-testid="did-you-mean"] a')
    return { titles, text: pageText(res.text), suggestion: didYouMean.text(), suggestionHref: didYouMean.attr('href') }
  }

  const count = (text: string): number => {
    const found = /(\d+) courses? (?:and|or) drop-ins?/.exec(text)
    return found ? Number(found[1]) : 0
  }

  /** What a parent types, and titles that must be among the first results (in any order). */
  const table: { q: string; top: string[]; why: string }[] = [
    { q: 'anxiety', top: ['Perinatal mental health support group'], why: 'a synonym of mental health' },
    { q: 'worry', top: ["Understanding your child's feelings (online)"], why: 'a synonym of feelings and wellbeing' },
    { q: 'stressed', top: ['Perinatal mental health support group'], why: 'a synonym of mental health' },
    { q: 'potty', top: ['Toilet training drop-in'], why: 'a synonym of toilet training' },
    { q: 'tantrums', top: ['Incredible Years', 'Solihull Approach: Understanding your child'], why: 'a plural synonym of behaviour' },
    { q: 'newborn', top: ['Baby massage', 'Baby and me (bumps and babies)'], why: 'a synonym of baby' },
    { q: 'punjabi', top: ['Rhymes and stories in Punjabi'], why: 'the language' },
    { q: 'Arabic', top: ['Understanding your child (in Arabic)'], why: 'the language' },
    { q: 'behavour', top: ['Solihull Approach: Understanding your child'], why: 'a typo of behaviour' },
    { q: 'rhymes foleshill', top: ['Rhymes and stories in Punjabi'], why: 'the title and the hub name' },
    { q: 'potty trainng', top: ['Toilet training drop-in'], why: 'a synonym and a typo' },
  ]

  for (const { q, top, why } of table) {
    it(`"${q}" finds ${top.join(' and ')} (${why})`, async () => {
      const { titles } = await search(q)
      const first = [...new Set(titles)].slice(0, Math.max(3, top.length))
      expect(first).to.include.members(top)
    })
  }

  it('finds the same for "baby" and "babies", in the same order', async () => {
    const baby = await search('baby')
    const babies = await search('babies')
    expect(baby.titles).to.have.length.above(0)
    expect(babies.titles).to.deep.equal(baby.titles)
    expect(count(babies.text)).to.equal(count(baby.text))
  })

  it('finds nothing for a language no course is in, and says what to try', async () => {
    const { titles, text } = await search('urdu')
    expect(titles).to.deep.equal([])
    expect(text).to.contain('No courses or drop-ins found')
  })

  it('offers "Did you mean" with the catalogue\'s own word when a typo finds little, linking to that search', async () => {
    const { suggestion, suggestionHref } = await search('massge')
    expect(suggestion).to.equal('massage')
    expect(suggestionHref).to.equal('/?q=massage')
    const followed = await search('massage')
    expect(followed.titles).to.include('Baby massage')
    expect(followed.suggestion).to.equal('')
  })

  it('offers no "Did you mean" when the word is nothing like the catalogue\'s', async () => {
    expect((await search('xyzzy')).suggestion).to.equal('')
  })

  it('lists everything for an empty query or only stop words', async () => {
    const all = count((await search('')).text)
    expect(all).to.be.above(10)
    expect(count((await search('the')).text)).to.equal(all)
  })

  it('answers a very long query, SQL-like text, quotes and LIKE wildcards without an error', async () => {
    for (const q of [
      'behaviour '.repeat(200),
      "'; drop table programmes; --",
      'a%_\\ "" \'',
      '!!! & | ( ) <-> :* \\',
      'toilet & !training',
    ]) {
      const res = await request(t.app).get('/').query({ q })
      expect(res.status, q).to.equal(200)
    }
    // The long query is cut to its first words and still finds behaviour courses.
    expect((await search('behaviour '.repeat(200))).titles).to.include('Incredible Years')
  })
})
