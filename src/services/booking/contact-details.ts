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

/**
 * Ofcom keeps 07700 900000 to 900999 for drama and examples: never a real subscriber, not in
 * libphonenumber's allocated ranges, yet it is the number GOV.UK's own examples use, and so do our
 * hint text and demo data. It is accepted as a mobile so that the examples work as written.
 */
const OFCOM_DRAMA_MOBILES = /^\+447700900\d{3}$/

/** A UK mobile number (the only kind we can text) in E.164, or undefined. */
export function parseUkMobile(input: string): string | undefined {
  const phone = parsePhoneNumberFromString(input.trim(), 'GB')
  if (phone && phone.country === 'GB' && OFCOM_DRAMA_MOBILES.test(phone.number)) return phone.number
  if (!phone || !phone.isValid() || phone.country !== 'GB') return undefined
  const type = phone.getType()
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? phone.number : undefined
}

/** +447123456789 -> 07123 456789, as people write it. */
export function formatUkPhone(e164: string): string {
  const phone = parsePhoneNumberFromString(e164)
  return phone ? phone.formatNational() : e164
}
