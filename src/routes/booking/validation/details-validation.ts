import { normaliseEmail, parseUkMobile } from '../../../services/booking/contact-details.js'
import { field } from '../../forms/fields.js'
import type { FormErrors } from '../../../middleware/flash.js'
import type { Validated } from './validation-result.js'

export interface DetailsAnswer {
  fullName: string
  email: string | null
  phone: string | null
}

export const NAME_MAX = 100

/** Step 1: full name, and an email address and/or a UK mobile number (at least one). */
export function validateDetails(body: unknown): Validated<DetailsAnswer> {
  const values = { fullName: field(body, 'fullName'), email: field(body, 'email'), phone: field(body, 'phone') }
  const errors: FormErrors = {}
  if (!values.fullName) errors['full-name'] = 'Enter your full name'
  else if (values.fullName.length > NAME_MAX) errors['full-name'] = `Full name must be ${NAME_MAX} characters or less`
  const email = values.email ? normaliseEmail(values.email) : null
  const phone = values.phone ? parseUkMobile(values.phone) : null
  if (!values.email && !values.phone) errors.email = 'Enter an email address or a UK mobile number'
  if (values.email && !email) errors.email = 'Enter an email address in the correct format, like name@example.com'
  if (values.phone && !phone) errors.phone = 'Enter a UK mobile number, like 07700 900 982'
  if (Object.keys(errors).length > 0) return { ok: false, errors, values }
  return { ok: true, value: { fullName: values.fullName, email: email ?? null, phone: phone ?? null } }
}
