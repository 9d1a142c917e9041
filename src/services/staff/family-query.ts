import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { FamilyQuery } from '../../data/staff/family-records.js'
import { normaliseReference } from '../booking/references.js'

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/

/**
 * One search box for reception: what was typed decides what is searched. A booking reference
 * ("FH-7K3P-Q9", "7k3p q9"), an email (has @), a UK phone number in any format (compared as
 * E.164), a full postcode, or else part of a name.
 */
export function interpretFamilyQuery(input: string): FamilyQuery | undefined {
  const text = input.trim()
  if (text.length === 0) return undefined
  if (text.includes('@')) return { by: 'email', email: text.toLowerCase() }
  // A name of six letters could look like a reference: without "FH" a reference needs a digit.
  const reference = normaliseReference(text)
  if (reference && (/^fh/i.test(text) || /[0-9]/.test(text))) return { by: 'reference', reference }
  const compact = text.toUpperCase().replace(/\s+/g, '')
  if (POSTCODE.test(compact)) return { by: 'postcode', postcode: compact }
  if (/^[+(0-9][0-9\s().-]{6,}$/.test(text)) {
    const phone = parsePhoneNumberFromString(text, 'GB')
    // Possible rather than valid: a search should still find a number typed slightly oddly.
    if (phone?.isPossible()) return { by: 'phone', phone: phone.number }
  }
  return { by: 'name', name: text }
}
