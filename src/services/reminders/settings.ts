import { z } from 'zod'
import type { Config } from '../../config.js'

/**
 * programmes.reminder_settings: when this programme's reminders go, in hours before each session.
 * A missing channel keeps the service default (config.reminders); an empty list turns that
 * channel's reminders off for the programme. For example { "email": [72, 24], "sms": [2] }.
 */
const offsets = z
  .array(
    z
      .number()
      .positive('hours before must be positive')
      .max(24 * 28, 'at most 4 weeks before'),
  )
  .max(4, 'at most 4 reminders per channel')
  .refine((list) => new Set(list).size === list.length, 'no repeated offsets')

const reminderSettingsSchema = z.object({ email: offsets.optional(), sms: offsets.optional() }).strict()

export interface ReminderRules {
  /** Hours before the session for each email reminder. */
  email: number[]
  /** Hours before the session for each text reminder. */
  sms: number[]
  /** London hours with no texts: from start (inclusive) to end (exclusive), across midnight when start > end. */
  quietHours: { start: number; end: number }
}

export function defaultRules(config: Config['reminders']): ReminderRules {
  return {
    email: [config.emailHoursBefore],
    sms: [config.smsHoursBefore],
    quietHours: { start: config.quietHoursStart, end: config.quietHoursEnd },
  }
}

/**
 * The rules for one programme. The jsonb column is edited by managers (and could predate a change
 * to this shape), so a value that does not parse falls back to the defaults rather than stopping
 * every reminder for the programme; `problem` says why, for the log.
 */
export function rulesFor(config: Config['reminders'], stored: unknown): { rules: ReminderRules; problem?: string } {
  const defaults = defaultRules(config)
  if (stored === null || stored === undefined) return { rules: defaults }
  const parsed = reminderSettingsSchema.safeParse(stored)
  if (!parsed.success) return { rules: defaults, problem: parsed.error.issues[0]?.message ?? 'not valid reminder settings' }
  return { rules: { ...defaults, email: parsed.data.email ?? defaults.email, sms: parsed.data.sms ?? defaults.sms } }
}
