import { expect } from 'chai'
import { loadConfig } from '../../../src/config.js'
import { endOfQuietHours, inQuietHours, offsetBefore, planReminders, type PlannedReminder } from '../../../src/services/reminders/policy.js'
import { defaultRules, rulesFor, type ReminderRules } from '../../../src/services/reminders/settings.js'
import { londonTime } from '../../../src/time.js'

const config = loadConfig({ NODE_ENV: 'test' })
const defaults = defaultRules(config.reminders)
const both = { email: true, sms: true }

const plan = (sessionStartsAt: Date, now: Date, channels = both, rules: ReminderRules = defaults) =>
  planReminders({ sessionStartsAt, now, channels, rules })
const find = (reminders: PlannedReminder[], channel: 'email' | 'sms') => reminders.find((r) => r.channel === channel)

describe('Reminder policy', () => {
  describe('defaults', () => {
    it('emails 2 days before and texts 3 hours before an afternoon session', () => {
      const start = londonTime('2026-06-17', '14:00')
      const reminders = plan(start, londonTime('2026-06-01', '09:00'))
      expect(reminders.map((r) => [r.kind, r.state, r.dueAt.toISOString()])).to.deep.equal([
        ['reminder_email_48h', 'scheduled', londonTime('2026-06-15', '14:00').toISOString()],
        ['reminder_sms_3h', 'scheduled', londonTime('2026-06-17', '11:00').toISOString()],
      ])
    })

    it('reads the settings from config (REMINDER_EMAIL_HOURS_BEFORE, REMINDER_SMS_HOURS_BEFORE, quiet hours)', () => {
      const custom = loadConfig({
        NODE_ENV: 'test',
        REMINDER_EMAIL_HOURS_BEFORE: '24',
        REMINDER_SMS_HOURS_BEFORE: '2',
        QUIET_HOURS_START: '22',
        QUIET_HOURS_END: '7',
      })
      expect(defaultRules(custom.reminders)).to.deep.equal({ email: [24], sms: [2], quietHours: { start: 22, end: 7 } })
    })
  })

  describe('channels', () => {
    it('sends nothing on a channel the family did not agree to', () => {
      const start = londonTime('2026-06-17', '14:00')
      const now = londonTime('2026-06-01', '09:00')
      expect(plan(start, now, { email: true, sms: false }).map((r) => r.channel)).to.deep.equal(['email'])
      expect(plan(start, now, { email: false, sms: true }).map((r) => r.channel)).to.deep.equal(['sms'])
      expect(plan(start, now, { email: false, sms: false })).to.deep.equal([])
    })
  })

  describe('bookings made late', () => {
    it('gives a same-day booking no "2 days before" email, recorded as skipped, but still the text', () => {
      const start = londonTime('2026-06-17', '14:00')
      const reminders = plan(start, londonTime('2026-06-17', '09:30'))
      expect(find(reminders, 'email')).to.include({ state: 'skipped', skipReason: 'too_late' })
      expect(find(reminders, 'sms')).to.include({ state: 'scheduled' })
      expect(find(reminders, 'sms')!.dueAt.toISOString()).to.equal(londonTime('2026-06-17', '11:00').toISOString())
    })

    it('does not send a text late when the booking is made after its time', () => {
      const start = londonTime('2026-06-17', '14:00')
      const reminders = plan(start, londonTime('2026-06-17', '11:15'))
      expect(find(reminders, 'sms')).to.include({ state: 'skipped', skipReason: 'too_late' })
    })

    it('plans nothing for a session that has started', () => {
      const start = londonTime('2026-06-17', '14:00')
      expect(plan(start, londonTime('2026-06-17', '14:00'))).to.deep.equal([])
    })
  })

  describe('quiet hours (no texts from 21:00 to 08:00 London time)', () => {
    it('moves a text due at 7am (3 hours before a 10am session) to 8am', () => {
      const start = londonTime('2026-06-17', '10:00')
      const sms = find(plan(start, londonTime('2026-06-01', '09:00')), 'sms')!
      expect(sms.state).to.equal('scheduled')
      expect(sms.nominalAt.toISOString()).to.equal(londonTime('2026-06-17', '07:00').toISOString())
      expect(sms.dueAt.toISOString()).to.equal(londonTime('2026-06-17', '08:00').toISOString())
    })

    it('moves a text due in the evening to 8am the next morning when the session is later that day', () => {
      const rules = { ...defaults, sms: [14] }
      const start = londonTime('2026-06-17', '12:00')
      const sms = find(plan(start, londonTime('2026-06-01', '09:00'), both, rules), 'sms')!
      expect(sms.nominalAt.toISOString()).to.equal(londonTime('2026-06-16', '22:00').toISOString())
      expect(sms.dueAt.toISOString()).to.equal(londonTime('2026-06-17', '08:00').toISOString())
    })

    it('skips a text whose 8am would be at or after the start of the session', () => {
      for (const time of ['08:00', '07:30']) {
        const start = londonTime('2026-06-17', time)
        const sms = find(plan(start, londonTime('2026-06-01', '09:00')), 'sms')!
        expect(sms, time).to.include({ state: 'skipped', skipReason: 'quiet_hours' })
      }
    })

    it('sends a text due at exactly 8am or at 8:59pm, and holds one due at 9pm', () => {
      const quiet = defaults.quietHours
      expect(inQuietHours(londonTime('2026-06-17', '08:00'), quiet)).to.equal(false)
      expect(inQuietHours(londonTime('2026-06-17', '20:59'), quiet)).to.equal(false)
      expect(inQuietHours(londonTime('2026-06-17', '21:00'), quiet)).to.equal(true)
      expect(inQuietHours(londonTime('2026-06-17', '07:59'), quiet)).to.equal(true)
      expect(endOfQuietHours(londonTime('2026-06-17', '21:00'), quiet).toISOString()).to.equal(
        londonTime('2026-06-18', '08:00').toISOString(),
      )
      expect(endOfQuietHours(londonTime('2026-06-17', '00:30'), quiet).toISOString()).to.equal(
        londonTime('2026-06-17', '08:00').toISOString(),
      )
    })

    it('never holds emails for the quiet hours', () => {
      const start = londonTime('2026-06-17', '07:00')
      const email = find(plan(start, londonTime('2026-06-01', '09:00')), 'email')!
      expect(email.dueAt.toISOString()).to.equal(londonTime('2026-06-15', '07:00').toISOString())
    })

    it('makes one text when two offsets both land at 8am', () => {
      const rules = { ...defaults, sms: [3, 2] }
      const start = londonTime('2026-06-17', '09:30')
      const texts = plan(start, londonTime('2026-06-01', '09:00'), both, rules).filter((r) => r.channel === 'sms')
      expect(texts.map((r) => [r.kind, r.state, r.skipReason])).to.deep.equal([
        ['reminder_sms_3h', 'scheduled', undefined],
        ['reminder_sms_2h', 'skipped', 'same_time'],
      ])
    })
  })

  describe('clock changes', () => {
    // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    it('reminds at the right instants for a 10am session on the day after the clocks go forward', () => {
      const start = londonTime('2026-03-30', '10:00')
      expect(start.toISOString()).to.equal('2026-03-30T09:00:00.000Z')
      const reminders = plan(start, londonTime('2026-03-01', '09:00'))
      // 2 days before at the same London time: 10am GMT on Saturday, which is 10:00 UTC (an exact
      // 48-hour duration would have said 9am).
      expect(find(reminders, 'email')!.dueAt.toISOString()).to.equal('2026-03-28T10:00:00.000Z')
      // 3 hours before is 7am BST, in the quiet hours: 8am BST, which is 07:00 UTC.
      expect(find(reminders, 'sms')!.dueAt.toISOString()).to.equal('2026-03-30T07:00:00.000Z')
    })

    it('reminds at the right instants for a 10am session on the day after the clocks go back', () => {
      const start = londonTime('2026-10-26', '10:00')
      expect(start.toISOString()).to.equal('2026-10-26T10:00:00.000Z')
      const reminders = plan(start, londonTime('2026-10-01', '09:00'))
      expect(find(reminders, 'email')!.dueAt.toISOString()).to.equal('2026-10-24T09:00:00.000Z') // 10am BST
      expect(find(reminders, 'sms')!.dueAt.toISOString()).to.equal('2026-10-26T08:00:00.000Z') // 8am GMT
    })

    it('counts the hours left over after whole days as exact hours', () => {
      // 27 hours before Monday 30 March 2pm BST: 2pm Sunday, then 3 hours earlier: 11am BST Sunday.
      expect(offsetBefore(londonTime('2026-03-30', '14:00'), 27).toISOString()).to.equal(londonTime('2026-03-29', '11:00').toISOString())
      // 90 minutes
      expect(offsetBefore(londonTime('2026-06-17', '14:00'), 1.5).toISOString()).to.equal(londonTime('2026-06-17', '12:30').toISOString())
    })
  })

  describe('per-programme settings', () => {
    it('overrides the defaults channel by channel', () => {
      const { rules } = rulesFor(config.reminders, { email: [72, 24] })
      expect(rules.email).to.deep.equal([72, 24])
      expect(rules.sms).to.deep.equal([3])
      const start = londonTime('2026-06-17', '14:00')
      expect(plan(start, londonTime('2026-06-01', '09:00'), both, rules).map((r) => r.kind)).to.deep.equal([
        'reminder_email_72h',
        'reminder_email_24h',
        'reminder_sms_3h',
      ])
    })

    it('turns a channel off with an empty list and names non-whole hours in minutes', () => {
      const { rules } = rulesFor(config.reminders, { email: [], sms: [1.5] })
      const reminders = plan(londonTime('2026-06-17', '14:00'), londonTime('2026-06-01', '09:00'), both, rules)
      expect(reminders.map((r) => r.kind)).to.deep.equal(['reminder_sms_90m'])
    })

    it('falls back to the defaults, saying why, when the stored settings are not valid', () => {
      for (const stored of [{ email: [-1] }, { sms: 'three' }, { text: [3] }, { sms: [3, 3] }]) {
        const result = rulesFor(config.reminders, stored)
        expect(result.rules, JSON.stringify(stored)).to.deep.equal(defaults)
        expect(result.problem, JSON.stringify(stored)).to.be.a('string')
      }
      expect(rulesFor(config.reminders, null)).to.deep.equal({ rules: defaults })
    })
  })
})
