import { expect } from 'chai'
import * as cheerio from 'cheerio'
import type { Response } from 'supertest'
import { readInvite } from '../notifications/notification-helpers.js'

/** The feed's https address shown in a feed section (by its id prefix), and its token. */
export function feedLinkOn(html: string, id: string): { https: string; webcal: string; path: string; token: string } {
  const $ = cheerio.load(html)
  const https = $(`#${id}-https`).text().trim()
  const webcal = $(`#${id}-webcal`).text().trim()
  expect(https, `a feed address in #${id}-https`).to.match(/^https?:\/\/[^/]+\/calendar\/[A-Za-z0-9_-]+\.ics$/)
  const path = new URL(https).pathname
  const token = path.replace(/^\/calendar\//, '').replace(/\.ics$/, '')
  return { https, webcal, path, token }
}

/** A feed read with ical.js (see readInvite): its METHOD, events, and the calendar's own headers. */
export function readFeed(res: Response) {
  expect(res.status, res.text.slice(0, 200)).to.equal(200)
  expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8')
  return readInvite(res.text)
}
