import { expect } from 'chai'
import request from 'supertest'
import { DateTime } from 'luxon'
import { useTestApp } from '../../support/use-test-app.js'
import { aCourse } from '../../support/builders.js'
import { LONDON, partOfDay } from '../../../src/time.js'
import { listedIds } from './catalogue-helpers.js'

/** A Tuesday, at least a week away, on which London is on summer time (UTC+1). */
function summerTuesday(): string {
  let day = DateTime.now().setZone(LONDON).plus({ days: 8 }).set({ hour: 12 })
  while (!(day.weekday === 2 && day.offset === 60)) day = day.plus({ days: 1 })
  return day.toISODate()!
}

describe('catalogue day and time filters use London time', () => {
  const t = useTestApp()

  const ids = async (query: string) => {
    const { app } = t
    return listedIds((await request(app).get(`/${query}`).expect(200)).text)
  }

  it('puts a session just after midnight on a summer Tuesday on Tuesday, though it is Monday in UTC', async () => {
    const date = summerTuesday()
    const { course, sessions } = await aCourse({ sessions: [{ date, start: '00:30', end: '01:30' }] })
    expect(sessions[0]!.startsAt.getUTCDay()).to.equal(1)
    expect(await ids('?day=tuesday')).to.deep.equal([course.id])
    expect(await ids('?day=monday')).to.deep.equal([])
  })

  it('splits morning, afternoon and evening exactly where partOfDay does, in summer time', async () => {
    const date = summerTuesday()
    const made = []
    for (const start of ['11:30', '12:00', '16:30', '17:00']) {
      const { course, sessions } = await aCourse({ sessions: [{ date, start, end: '23:00' }] })
      made.push({ id: course.id, part: partOfDay(sessions[0]!.startsAt) })
    }
    expect(made.map((m) => m.part)).to.deep.equal(['morning', 'afternoon', 'afternoon', 'evening'])
    for (const part of ['morning', 'afternoon', 'evening']) {
      expect((await ids(`?time=${part}`)).sort(), part).to.deep.equal(
        made
          .filter((m) => m.part === part)
          .map((m) => m.id)
          .sort(),
      )
    }
  })
})
