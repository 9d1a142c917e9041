import { z } from 'zod'
import { normaliseEmail, parseUkMobile } from '../../../services/booking/contact-details.js'
import { field } from '../../forms/fields.js'
import { govukErrors } from '../../forms/zod-errors.js'
import type { Validated } from './validation-result.js'

export interface DetailsAnswer {
  fullName: string
  email: string | null
  phone: string | null
}

const NAME_MAX = 100

const detailsSchema = z
  .object({
    fullName: z.string().min(1, 'Enter your full name').max(NAME_MAX, `Full name must be ${NAME_MAX} characters or less`),
    email: z
      .string()
      .refine((email) => !email || normaliseEmail(email), 'Enter an email address in the correct format, like name@example.com'),
    phone: z.string().refine((phone) => !phone || parseUkMobile(phone), 'Enter a UK mobile number, like 07700 900 982'),
  })
  .refine((answer) => answer.email || answer.phone, {
    message: 'Enter an email address or a UK mobile number',
    path: ['email'],
    // Checked even when the name is missing, so every problem shows at once.
    when: () => true,
  })

/** Step 1: full name, and an email address and/or a UK mobile number (at least one). */
export function validateDetails(body: unknown): Validated<DetailsAnswer> {
  const values = { fullName: field(body, 'fullName'), email: field(body, 'email'), phone: field(body, 'phone') }
  const parsed = detailsSchema.safeParse(values)
  if (!parsed.success) return { ok: false, errors: govukErrors(parsed.error, { fullName: 'full-name' }).fields, values }
  return {
    ok: true,
    value: { fullName: values.fullName, email: normaliseEmail(values.email) ?? null, phone: parseUkMobile(values.phone) ?? null },
  }
}
