import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/**
 * Checks for contact details, shared by the online journey and staff forms. Emails are kept
 * lower-case and phone numbers in E.164, so duplicate checks and look-ups are exact.
 */

// The shape GOV.UK services accept: something@something.tld, no spaces, one @.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/

export function normaliseEmail(input: string): string | undefined {
  const email = input.trim().toLowerCase()
  return email.length <= 254 && EMAIL.test(email) ? email : undefined
}

/** A UK mobile number (the only kind we can text) in E.164, or undefined. */
export function parseUkMobile(input: string): string | undefined {
  const phone = parsePhoneNumberFromString(input.trim(), 'GB')
  if (!phone || !phone.isValid() || phone.country !== 'GB') return undefined
  const type = phone.getType()
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? phone.number : undefined
}

/** +447123456789 -> 07123 456789, as people write it. */
export function formatUkPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164)
  return phone ? phone.formatNational() : e164
}
