import { DateTime } from 'luxon'
import type { Channel } from '../../domain/notifications.js'
import { LONDON } from '../../time.js'
import type { ReminderRules } from './settings.js'
import { endOfQuietHours, inQuietHours } from '../notifications/quiet-hours.js'

export { endOfQuietHours, inQuietHours }

type SkipReason = 'too_late' | 'quiet_hours' | 'same_time'

export interface PlannedReminder {
  channel: Channel
  /** e.g. reminder_email_48h, reminder_sms_3h, reminder_sms_90m: part of the row's dedupe key. */
  kind: string
  hoursBefore: number
  /** When the offset alone puts it. */
  nominalAt: Date
  /** When it goes: nominalAt, or the end of the quiet hours for a text. For a skipped one, nominalAt. */
  dueAt: Date
  state: 'scheduled' | 'skipped'
  skipReason?: SkipReason
}

export interface ReminderInput {
  sessionStartsAt: Date
  /** When the booking is confirmed (or the session moved): reminders already due are not sent late. */
  now: Date
  /** The channels the family agreed to and can be reached on (an opted-out number is not). */
  channels: { email: boolean; sms: boolean }
  rules: ReminderRules
}

const reminderKind = (channel: Channel, hoursBefore: number): string =>
  Number.isInteger(hoursBefore) ? `reminder_${channel}_${hoursBefore}h` : `reminder_${channel}_${Math.round(hoursBefore * 60)}m`

/**
 * The instant `hoursBefore` hours before a session, read the way a family reads it: whole days are
 * calendar days in London, so "48 hours before" a 10am session is 10am two days earlier even when
 * the clocks change in between (an exact 48-hour duration would make it 9am or 11am); the hours left
 * over are exact hours.
 */
export function offsetBefore(sessionStartsAt: Date, hoursBefore: number): Date {
  const days = Math.floor(hoursBefore / 24)
  const minutes = Math.round((hoursBefore - days * 24) * 60)
  return DateTime.fromJSDate(sessionStartsAt, { zone: LONDON }).minus({ days }).minus({ minutes }).toJSDate()
}

/**
 * The reminders for one booked session, on the channels the family agreed to.
 * - One per channel and offset, at the offset before the session (see offsetBefore).
 * - A reminder whose time has passed when the booking is made is skipped, not sent late.
 * - A text due in the quiet hours goes when they end, if that is still before the session;
 *   otherwise it is skipped.
 * - Two reminders of a channel landing on the same instant (two texts moved to 8am) make one.
 * A session that has started gets none. Pure: the same input always gives the same plan.
 */
export function planReminders(input: ReminderInput): PlannedReminder[] {
  const { sessionStartsAt, now, channels, rules } = input
  if (sessionStartsAt.getTime() <= now.getTime()) return []
  const plan: PlannedReminder[] = []
  for (const channel of ['email', 'sms'] as const) {
    if (!channels[channel]) continue
    const taken = new Set<number>()
    // Largest offset first, so that when two land together the earlier-planned one is kept.
    for (const hoursBefore of [...rules[channel]].sort((a, b) => b - a)) {
      const nominalAt = offsetBefore(sessionStartsAt, hoursBefore)
      const base = { channel, kind: reminderKind(channel, hoursBefore), hoursBefore, nominalAt }
      if (nominalAt.getTime() <= now.getTime()) {
        plan.push({ ...base, dueAt: nominalAt, state: 'skipped', skipReason: 'too_late' })
        continue
      }
      let dueAt = nominalAt
      if (channel === 'sms' && inQuietHours(nominalAt, rules.quietHours)) {
        dueAt = endOfQuietHours(nominalAt, rules.quietHours)
        if (dueAt.getTime() >= sessionStartsAt.getTime()) {
          plan.push({ ...base, dueAt: nominalAt, state: 'skipped', skipReason: 'quiet_hours' })
          continue
        }
      }
      if (taken.has(dueAt.getTime())) {
        plan.push({ ...base, dueAt, state: 'skipped', skipReason: 'same_time' })
        continue
      }
      taken.add(dueAt.getTime())
      plan.push({ ...base, dueAt, state: 'scheduled' })
    }
  }
  return plan
}
