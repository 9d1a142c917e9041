import { expect } from 'chai'
import {
  joinOpenOfferPlan,
  offerExpiry,
  offerReaches,
  planOffer,
  textTime,
  wakingTime,
  type OfferPlan,
  type OfferRules,
} from '../../../src/services/booking/offer-timing.js'
import { offerRulesFor } from '../../../src/services/booking/offer-rules.js'
import { loadConfig } from '../../../src/config.js'
import { londonTime } from '../../../src/time.js'

const HOUR = 60 * 60 * 1000
const MINUTE = 60 * 1000
const quietHours = { start: 21, end: 8 }

/** The defaults: 24 h offers, at least 3 h, 4 rounds, open offers until 60 min before a drop-in. */
const rules = (overrides: Partial<OfferRules> = {}): OfferRules => ({
  offerHours: 24,
  offerMinHours: 3,
  offerRounds: 4,
  minHoursBeforeStart: 2,
  openOffers: true,
  openOfferMinutesBeforeStart: 60,
  quietHours,
  ...overrides,
})

/** A clock on a winter Tuesday (London is on GMT), so the hours read as they are written. */
const at = (hhmm: string, day = '2027-01-12') => londonTime(day, hhmm)
const hoursAfter = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR)

function exclusive(plan: OfferPlan): { expiresAt: Date; textAt: Date | null } {
  if (plan.kind !== 'exclusive') throw new Error(`expected an exclusive offer, got ${plan.kind}`)
  return plan
}

describe('offer timing: offers that fit the time left', () => {
  it('holds a place for the full OFFER_HOURS when the start is far off, and texts at once in the day', () => {
    const now = at('10:00')
    const plan = exclusive(planOffer(now, hoursAfter(now, 10 * 24), rules()))
    expect(plan.expiresAt).to.deep.equal(hoursAfter(now, 24))
    expect(plan.textAt).to.deep.equal(now)
  })

  it('shortens the offer to the time to the cut-off divided by the rounds', () => {
    const now = at('09:00')
    // Cut-off 46 h away: four rounds of 11.5 h.
    const plan = exclusive(planOffer(now, hoursAfter(now, 48), rules()))
    expect(plan.expiresAt).to.deep.equal(hoursAfter(now, 11.5))
  })

  it('never makes an exclusive offer shorter than OFFER_MIN_HOURS', () => {
    const now = at('09:00')
    // Cut-off 10 h away: 10 / 4 = 2.5 h, raised to 3 h.
    expect(exclusive(planOffer(now, hoursAfter(now, 12), rules())).expiresAt).to.deep.equal(at('12:00'))
  })

  it('never lets an exclusive offer end later than OFFER_MIN_HOURS_BEFORE_START before the start', () => {
    for (let minutes = 0; minutes < 48 * 60; minutes += 17) {
      const now = new Date(at('00:00').getTime() + minutes * MINUTE)
      const start = at('10:00', '2027-01-14')
      const plan = planOffer(now, start, rules())
      if (plan.kind === 'exclusive') expect(plan.expiresAt.getTime()).to.be.at.most(start.getTime() - 2 * HOUR)
      if (plan.kind === 'exclusive') expect(plan.expiresAt.getTime()).to.be.above(now.getTime())
    }
  })

  it('turns to an open offer when an offer of OFFER_MIN_HOURS no longer fits before the cut-off', () => {
    const now = at('12:00')
    const start = at('16:30') // cut-off 14:30: 2.5 h left, less than 3 h
    expect(planOffer(now, start, rules())).to.deep.equal({ kind: 'open', closesAt: at('15:30'), textAt: now })
  })

  it('keeps a drop-in open to everyone waiting until 60 minutes before it starts, after the cut-off', () => {
    const start = at('14:00')
    expect(planOffer(at('12:30'), start, rules())).to.deep.include({ kind: 'open', closesAt: at('13:00') })
    expect(planOffer(at('13:00'), start, rules())).to.deep.equal({ kind: 'none' })
    expect(planOffer(at('14:30'), start, rules())).to.deep.equal({ kind: 'none' })
  })

  it('closes a course to open offers at its own, earlier cut-off', () => {
    const start = at('14:00')
    const course = rules({ openOfferMinutesBeforeStart: 120 })
    expect(planOffer(at('11:00'), start, course)).to.deep.include({ kind: 'open', closesAt: at('12:00') })
    expect(planOffer(at('12:30'), start, course)).to.deep.equal({ kind: 'none' })
  })

  it('makes no offer for a run with no sessions, or one that has begun', () => {
    expect(planOffer(at('10:00'), null, rules())).to.deep.equal({ kind: 'none' })
    expect(planOffer(at('10:00'), at('09:00'), rules())).to.deep.equal({ kind: 'none' })
  })

  it('with one round and no open offers, is exactly the old rule (OFFER_HOURS capped at the cut-off), night or day', () => {
    const old = rules({ offerRounds: 1, openOffers: false })
    const start = at('10:00', '2027-01-14')
    for (let minutes = 0; minutes < 60 * 60; minutes += 7) {
      const now = new Date(at('00:00', '2027-01-12').getTime() + minutes * MINUTE)
      const before = offerExpiry(now, start, old)
      const plan = planOffer(now, start, old)
      if (before === undefined) expect(plan, now.toISOString()).to.deep.equal({ kind: 'none' })
      else expect(exclusive(plan).expiresAt, now.toISOString()).to.deep.equal(before)
    }
  })

  describe('at night (quiet hours 21:00 to 08:00)', () => {
    it('sends the text of an offer made at 21:30 in the morning, and a 24 h offer keeps its length', () => {
      const now = at('21:30')
      const plan = exclusive(planOffer(now, hoursAfter(now, 5 * 24), rules()))
      expect(plan.expiresAt).to.deep.equal(hoursAfter(now, 24))
      expect(plan.textAt).to.deep.equal(at('08:00', '2027-01-13'))
    })

    it('stretches a short offer made at 21:30 across the night, so the family has its hours in the morning', () => {
      const now = at('21:30')
      // Cut-off 17:30 tomorrow: 20 h left, four rounds of 5 h; without the night it would end at 02:30.
      const plan = exclusive(planOffer(now, at('19:30', '2027-01-13'), rules()))
      expect(plan.expiresAt).to.deep.equal(at('13:00', '2027-01-13'))
      expect(plan.textAt).to.deep.equal(at('08:00', '2027-01-13'))
    })

    it('stretches an evening offer that would end in the night: the quiet hours do not count', () => {
      const now = at('19:00')
      // Cut-off 10:00 tomorrow: 15 h left, a 3 h 45 min offer would end at 22:45 after 2 waking hours.
      const plan = exclusive(planOffer(now, at('12:00', '2027-01-13'), rules()))
      expect(plan.expiresAt).to.deep.equal(at('09:45', '2027-01-13'))
      expect(plan.textAt).to.deep.equal(now)
    })

    it('never stretches past the cut-off: without open offers the offer ends there', () => {
      const now = at('19:00')
      const plan = exclusive(planOffer(now, at('07:00', '2027-01-13'), rules({ openOffers: false })))
      expect(plan.expiresAt).to.deep.equal(at('05:00', '2027-01-13'))
      expect(plan.textAt).to.deep.equal(now)
    })

    it('without open offers, sends by email only, with the exact deadline, an offer made at night that must end before the morning', () => {
      const now = at('23:00')
      const plan = exclusive(planOffer(now, at('08:00', '2027-01-13'), rules({ openOffers: false })))
      expect(plan.expiresAt).to.deep.equal(at('06:00', '2027-01-13'))
      expect(plan.textAt).to.equal(null)
    })

    it('with open offers, offers to everyone waiting when one family would not get its waking hours before the cut-off', () => {
      // 23:30, cut-off 09:00 tomorrow: stretched to the cut-off, one family would have an hour.
      expect(planOffer(at('23:30'), at('11:00', '2027-01-13'), rules())).to.deep.equal({
        kind: 'open',
        closesAt: at('10:00', '2027-01-13'),
        textAt: at('08:00', '2027-01-13'),
      })
    })

    it('texts an open offer made at night in the morning, or not at all when it closes before then', () => {
      expect(planOffer(at('05:00'), at('08:30'), rules())).to.deep.equal({ kind: 'open', closesAt: at('07:30'), textAt: null })
    })

    it('offers a place to families who get only texts unless the text could not come before the offer ends', () => {
      // By day, and at night when the text can go in the morning: everyone waiting.
      expect(offerReaches(planOffer(at('10:00'), at('10:00', '2027-01-20'), rules()))).to.equal('everyone')
      expect(offerReaches(planOffer(at('23:30'), at('11:00', '2027-01-13'), rules()))).to.equal('everyone')
      // Email only (the offer ends or closes before 08:00): families who get no email are left out.
      expect(offerReaches(planOffer(at('23:00'), at('08:00', '2027-01-13'), rules({ openOffers: false })))).to.equal('email_only')
      expect(offerReaches(planOffer(at('05:00'), at('08:30'), rules()))).to.equal('email_only')
      expect(offerReaches({ kind: 'none' })).to.equal('everyone')
    })

    it('texts the families told of a running open offer in the morning when a place joins it at night, or not at all after it closes', () => {
      expect(joinOpenOfferPlan(at('14:00'), at('18:00'), rules())).to.deep.equal({
        kind: 'open',
        closesAt: at('18:00'),
        textAt: at('14:00'),
      })
      expect(joinOpenOfferPlan(at('22:15'), at('10:00', '2027-01-13'), rules())).to.deep.equal({
        kind: 'open',
        closesAt: at('10:00', '2027-01-13'),
        textAt: at('08:00', '2027-01-13'),
      })
      expect(joinOpenOfferPlan(at('02:00'), at('07:30'), rules()).textAt).to.equal(null)
      expect(joinOpenOfferPlan(at('02:00'), at('08:00'), rules()).textAt, 'a text at the moment it closes is too late').to.equal(null)
    })

    it('times a text before a deadline: now by day, the end of the quiet hours at night, never at or after the deadline', () => {
      expect(textTime(at('12:00'), at('13:00'), quietHours)).to.deep.equal(at('12:00'))
      expect(textTime(at('12:00'), at('12:00'), quietHours)).to.equal(null)
      expect(textTime(at('21:00'), at('09:00', '2027-01-13'), quietHours)).to.deep.equal(at('08:00', '2027-01-13'))
      expect(textTime(at('07:59'), at('09:00'), quietHours)).to.deep.equal(at('08:00'))
      expect(textTime(at('07:59'), at('08:00'), quietHours)).to.equal(null)
      expect(textTime(at('23:00'), at('09:00', '2027-01-13'), undefined)).to.deep.equal(at('23:00'))
    })

    it('counts waking time across the night and the clock change', () => {
      expect(wakingTime(at('20:00'), at('09:00', '2027-01-13'), quietHours)).to.equal(2 * HOUR)
      expect(wakingTime(at('22:00'), at('07:00', '2027-01-13'), quietHours)).to.equal(0)
      // 27 to 28 March 2027: the clocks go forward, the night is an hour shorter, the day is not.
      expect(wakingTime(londonTime('2027-03-27', '08:00'), londonTime('2027-03-28', '10:00'), quietHours)).to.equal(15 * HOUR)
      expect(wakingTime(at('10:00'), at('12:00'), { start: 0, end: 0 })).to.equal(2 * HOUR)
    })
  })

  describe('the rules for one run', () => {
    const config = loadConfig({ NODE_ENV: 'test' })
    const course = (
      kind: 'course' | 'drop_in',
      own?: { offerHours: number | null; offerRounds: number | null; openOfferMinutesBeforeStart: number | null },
    ) => ({
      course: { kind } as never,
      programmeOfferRules: own,
    })

    it('uses the settings: by default open offers close an hour before a drop-in or a course starts', () => {
      expect(offerRulesFor(course('drop_in'), config)).to.deep.include({
        offerHours: 24,
        offerMinHours: 3,
        offerRounds: 4,
        openOfferMinutesBeforeStart: 60,
      })
      expect(offerRulesFor(course('course'), config)).to.deep.include({ openOfferMinutesBeforeStart: 60 })
    })

    it('takes the drop-in and course open-offer cut-offs from their own settings', () => {
      const own = loadConfig({
        NODE_ENV: 'test',
        OPEN_OFFER_MIN_MINUTES_BEFORE_START: '45',
        OPEN_OFFER_COURSE_MIN_MINUTES_BEFORE_START: '90',
      })
      expect(offerRulesFor(course('drop_in'), own)).to.deep.include({ openOfferMinutesBeforeStart: 45 })
      expect(offerRulesFor(course('course'), own)).to.deep.include({ openOfferMinutesBeforeStart: 90 })
    })

    it("uses the programme's own offer length, rounds and open-offer cut-off where staff set them", () => {
      const own = offerRulesFor(course('course', { offerHours: 2, offerRounds: 6, openOfferMinutesBeforeStart: 30 }), config)
      expect(own).to.deep.include({ offerHours: 2, offerMinHours: 2, offerRounds: 6, openOfferMinutesBeforeStart: 30 })
      const partly = offerRulesFor(course('drop_in', { offerHours: null, offerRounds: 2, openOfferMinutesBeforeStart: null }), config)
      expect(partly).to.deep.include({ offerHours: 24, offerRounds: 2, openOfferMinutesBeforeStart: 60 })
    })
  })
})
