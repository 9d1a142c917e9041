/**
 * The GSM 03.38 default alphabet. A text made only of these characters is sent 7 bits a
 * character: 160 to one segment. One character outside it (a curly apostrophe, an emoji) switches
 * the whole message to UCS-2, 70 characters a segment, and the family's text becomes three paid
 * messages. So every English text is made GSM-7 before it is sent (toGsm7); texts in Polish,
 * Punjabi and Arabic need UCS-2 anyway and are counted as such (smsSize).
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
/** Sent as an escape plus a character: they count twice. */
const EXTENDED = '^{}\\[~]|€\f'

const basic = new Set(BASIC)
const extended = new Set(EXTENDED)

const SEGMENT_LENGTH = 160

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

/**
 * How a text is billed. GSM-7: 160 septets in one segment, 153 a part when it needs more (the rest
 * of each part carries the header that joins them), an extension character taking two septets
 * and never split across parts. Anything outside GSM-7 (Polish ą ę ł ś ż, Gurmukhi, Arabic, a
 * curly quote) makes the whole text UCS-2: 70 UTF-16 code units in one segment, 67 a part, a
 * surrogate pair never split. Carriers bill UTF-16 code units, so that is what is counted.
 */
export interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2'
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number
  segments: number
}

const LIMITS = { 'GSM-7': { single: 160, part: 153 }, 'UCS-2': { single: 70, part: 67 } } as const

export function smsSize(text: string): SmsSize {
  const encoding = isGsm7(text) ? 'GSM-7' : 'UCS-2'
  const sizes = [...text].map((char) => (encoding === 'GSM-7' ? (extended.has(char) ? 2 : 1) : char.length))
  const units = sizes.reduce((sum, size) => sum + size, 0)
  const limits = LIMITS[encoding]
  if (units <= limits.single) return { encoding, units, segments: units === 0 ? 0 : 1 }
  let segments = 1
  let used = 0
  for (const size of sizes) {
    if (used + size > limits.part) {
      segments += 1
      used = 0
    }
    used += size
  }
  return { encoding, units, segments }
}

/** The most units `segments` segments hold in an encoding (ignoring the rare unsplittable pair at a boundary). */
export const smsCapacity = (encoding: SmsSize['encoding'], segments: number): number =>
  segments <= 1 ? LIMITS[encoding].single : segments * LIMITS[encoding].part

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

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * Shortens a value to fit `max` UTF-16 code units, ending it with "…" (one unit) when cut. It cuts
 * between whole letters as the reader sees them, so a Gurmukhi vowel sign or an Arabic mark is never
 * left without its letter.
 */
export function shortenToUnicode(text: string, max: number): string {
  if (text.length <= max) return text
  let out = ''
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break
    out += segment
  }
  return `${out.trimEnd()}…`
}
