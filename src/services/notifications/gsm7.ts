/**
 * The GSM 03.38 default alphabet. A text made only of these characters is sent 7 bits a
 * character: 160 to one segment. One character outside it (a curly apostrophe, an emoji) switches
 * the whole message to UCS-2, 70 characters a segment, and the family's text becomes three paid
 * messages. So every text is made GSM-7 before it is sent (toGsm7) and tests check the templates.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
/** Sent as an escape plus a character: they count twice. */
const EXTENDED = '^{}\\[~]|€\f'

const basic = new Set(BASIC)
const extended = new Set(EXTENDED)

export const SEGMENT_LENGTH = 160

export function isGsm7(text: string): boolean {
  for (const char of text) if (!basic.has(char) && !extended.has(char)) return false
  return true
}

/** Septets used: extended characters take two. */
export function gsm7Length(text: string): number {
  let length = 0
  for (const char of text) length += extended.has(char) ? 2 : 1
  return length
}

export const fitsOneSegment = (text: string): boolean => isGsm7(text) && gsm7Length(text) <= SEGMENT_LENGTH

const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00A0': ' ',
  '\u2009': ' ',
  '\u202F': ' ',
  '\t': ' ',
  // Letters that carry no combining accent, so NFD cannot take one off.
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
}

/**
 * Text as it can go in a GSM-7 message: typographic quotes and dashes become plain ones, accented
 * letters outside the alphabet lose their accent (ç -> c), anything else left over is dropped.
 */
export function toGsm7(text: string): string {
  let out = ''
  for (const char of text) {
    const replaced = REPLACEMENTS[char] ?? char
    if (isGsm7(replaced)) {
      out += replaced
      continue
    }
    const plain = replaced.normalize('NFD').replace(/\p{M}/gu, '')
    if (isGsm7(plain)) out += plain
  }
  return out
}

/** Shortens a value to fit `max` septets, ending it with "..." when cut. */
export function shortenTo(text: string, max: number): string {
  if (gsm7Length(text) <= max) return text
  let out = ''
  for (const char of text) {
    if (gsm7Length(out + char) > max - 3) break
    out += char
  }
  return `${out.trimEnd()}...`
}
