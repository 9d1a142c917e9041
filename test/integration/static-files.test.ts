import { expect } from 'chai'
import * as cheerio from 'cheerio'
import request from 'supertest'
import { useTestApp } from '../support/use-test-app.js'

describe('Static files: hashed URLs cached for good, the rest briefly', () => {
  const t = useTestApp()

  it('links the CSS by a URL carrying its content hash, served as immutable for a year', async () => {
    const page = await request(t.app).get('/').expect(200)
    const href = cheerio.load(page.text)('link[rel=stylesheet]').attr('href')
    expect(href, 'run `npm run build:css` first').to.match(/^\/public\/build\/application\.css\?v=[0-9a-f]{12}$/)
    const css = await request(t.app).get(href!).expect(200)
    expect(css.headers['content-type']).to.match(/^text\/css/)
    expect(css.headers['cache-control']).to.equal('public, max-age=31536000, immutable')
  })

  it('links the script and the favicon by hashed URLs too', async () => {
    const $ = cheerio.load((await request(t.app).get('/').expect(200)).text)
    expect($('script[type=module]').attr('src')).to.match(/^\/public\/js\/init\.js\?v=[0-9a-f]{12}$/)
    const favicon = $('link[rel=icon]').attr('href')!
    expect(favicon).to.match(/^\/public\/images\/favicon\.svg\?v=[0-9a-f]{12}$/)
    await request(t.app)
      .get(favicon)
      .expect(200)
      .expect('cache-control', /immutable/)
  })

  it('does not cache for good a file asked for without its hash, or with an old one', async () => {
    const plain = await request(t.app).get('/public/build/application.css').expect(200)
    expect(plain.headers['cache-control']).to.not.match(/immutable/)
    const stale = await request(t.app).get('/public/build/application.css?v=000000000000').expect(200)
    expect(stale.headers['cache-control']).to.not.match(/immutable/)
  })

  it("serves govuk-frontend's fonts and images where its CSS looks for them", async () => {
    await request(t.app).get('/assets/images/favicon.svg').expect(200).expect('cache-control', 'public, max-age=86400')
  })
})
