import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { paths } from '../../../src/paths.js'
import { useTestApp } from '../../support/use-test-app.js'
import { aCourse, aHub, aProgramme, weekly } from '../../support/builders.js'

/** The page's language, direction, main heading and language links, as a browser would read them. */
function read(html: string) {
  const $ = cheerio.load(html)
  return {
    lang: $('html').attr('lang'),
    dir: $('html').attr('dir'),
    heading: $('h1').first().text().trim(),
    languageLinks: $('.app-language-links a[hreflang]')
      .map((_, a) => $(a).attr('hreflang'))
      .get(),
  }
}

describe('the language a visitor chooses', () => {
  const t = useTestApp({ fresh: 'once' })
  let courseHref = ''

  before(async () => {
    const hub = await aHub({ slug: 'language-hub', name: 'Foleshill Family Hub' })
    const programme = await aProgramme({ slug: 'language-programme', title: 'Baby massage' })
    const { course } = await aCourse({ hubId: hub.id, programmeId: programme.id, capacity: 8, sessions: weekly('2099-03-03', 4) })
    courseHref = paths.courses.show(course.id)
  })

  it('is remembered for the visit: the next page without ?lang is in Polish too', async () => {
    const agent = request.agent(t.app)
    const chosen = read((await agent.get(`${paths.hubs.index}?lang=pl`).expect(200)).text)
    expect(chosen).to.include({ lang: 'pl', dir: 'ltr', heading: 'Centra rodzinne' })

    const next = read((await agent.get(paths.home).expect(200)).text)
    expect(next).to.include({ lang: 'pl', heading: 'Znajdź kurs dla rodziców lub spotkanie otwarte' })
    // Links to the other three languages, each naming its language for browsers and screen readers.
    expect(next.languageLinks).to.have.members(['en', 'pa', 'ar'])
  })

  it('translates the service’s own words and leaves what staff entered as entered', async () => {
    const agent = request.agent(t.app)
    const html = (await agent.get(`${courseHref}?lang=pl`).expect(200)).text
    const page = read(html)
    expect(page.heading).to.equal('Baby massage')
    expect(html).to.contain('Foleshill Family Hub')
    expect(html).to.contain('Zostało 8 miejsc').and.contain('4 cotygodniowe spotkania')
    expect(html).not.to.contain('places left')
  })

  it('reads Arabic right to left', async () => {
    const page = read((await request(t.app).get(`${paths.privacy}?lang=ar`).expect(200)).text)
    expect(page).to.include({ lang: 'ar', dir: 'rtl', heading: 'إشعار الخصوصية' })
  })

  it('keeps staff pages in English, with no language links, even after a language was chosen', async () => {
    const agent = request.agent(t.app)
    await agent.get(`${paths.home}?lang=pa`).expect(200)
    for (const path of [paths.staff.signIn, `${paths.staff.signIn}?lang=ar`]) {
      const html = (await agent.get(path).expect(200)).text
      const page = read(html)
      expect(page.lang, path).to.equal('en')
      expect(page.dir, path).to.not.equal('rtl')
      expect(cheerio.load(html)('.app-language-links').length, path).to.equal(0)
    }
    // …and the public pages are still in Punjabi afterwards.
    expect(read((await agent.get(paths.hubs.index).expect(200)).text).lang).to.equal('pa')
  })

  it('ignores a language it does not have: English, and the page still works', async () => {
    const agent = request.agent(t.app)
    for (const lang of ['xx', 'EN', '', 'pl,ar']) {
      const page = read((await agent.get(`${paths.hubs.index}?lang=${encodeURIComponent(lang)}`).expect(200)).text)
      expect(page, lang).to.include({ lang: 'en', dir: 'ltr', heading: 'Family hubs' })
    }
    const repeated = read((await agent.get(`${paths.hubs.index}?lang=pl&lang=ar`).expect(200)).text)
    expect(repeated.lang).to.equal('en')
  })

  it('words error pages in the visitor’s language', async () => {
    const agent = request.agent(t.app)
    const missing = await agent.get('/no-such-page?lang=pa').expect(404)
    expect(read(missing.text)).to.include({ lang: 'pa', heading: 'ਸਫ਼ਾ ਨਹੀਂ ਮਿਲਿਆ' })
    const badDate = await agent.get(`${paths.home}?when=dates&fromDay=31&fromMonth=2&fromYear=2027`).expect(400)
    expect(badDate.text).to.contain('ਸ਼ੁਰੂ ਦੀ ਤਾਰੀਖ਼ ਅਸਲ ਤਾਰੀਖ਼ ਹੋਣੀ ਚਾਹੀਦੀ ਹੈ')
  })
})
