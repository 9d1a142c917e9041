import { z } from 'zod'
import { normaliseEmail, parseUkMobile } from '../../../services/booking/contact-details.js'
import { field } from '../../forms/fields.js'
import { govukErrors } from '../../forms/zod-errors.js'
import type { Translate } from '../../../i18n/translator.js'
import type { Validated } from './validation-result.js'

export interface DetailsAnswer {
  fullName: string
  email: string | null
  phone: string | null
}

const NAME_MAX = 100

/** The messages are in the visitor's language: `t` is the request's. */
const detailsSchema = (t: Translate) =>
  z
    .object({
      fullName: z
        .string()
        .min(1, t('booking:errors.fullName.missing'))
        .max(NAME_MAX, t('booking:errors.fullName.tooLong', { max: NAME_MAX })),
      email: z.string().refine((email) => !email || normaliseEmail(email), t('booking:errors.email.format')),
      phone: z.string().refine((phone) => !phone || parseUkMobile(phone), t('booking:errors.phone.format')),
    })
    .refine((answer) => answer.email || answer.phone, {
      message: t('booking:errors.email.orPhone'),
      path: ['email'],
      // Checked even when the name is missing, so every problem shows at once.
      when: () => true,
    })

/** Step 1: full name, and an email address and/or a UK mobile number (at least one). */
export function validateDetails(body: unknown, t: Translate): Validated<DetailsAnswer> {
  const values = { fullName: field(body, 'fullName'), email: field(body, 'email'), phone: field(body, 'phone') }
  const parsed = detailsSchema(t).safeParse(values)
  if (!parsed.success) return { ok: false, errors: govukErrors(parsed.error, { fullName: 'full-name' }).fields, values }
  return {
    ok: true,
    value: { fullName: values.fullName, email: normaliseEmail(values.email) ?? null, phone: parseUkMobile(values.phone) ?? null },
  }
}
