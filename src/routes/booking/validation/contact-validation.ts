import { fieldList } from '../../forms/fields.js'
import type { Validated } from './validation-result.js'

/** Step 2: which of the contacts given we may use. Only what they gave is offered, or counted. */
export function validateContact(body: unknown, offered: { email: boolean; sms: boolean }): Validated<{ byEmail: boolean; bySms: boolean }> {
  const chosen = fieldList(body, 'contactBy')
  const byEmail = offered.email && chosen.includes('email')
  const bySms = offered.sms && chosen.includes('sms')
  if (!byEmail && !bySms) return { ok: false, errors: { 'contact-by': 'Select how we may contact you' }, values: { contactBy: chosen } }
  return { ok: true, value: { byEmail, bySms } }
}
