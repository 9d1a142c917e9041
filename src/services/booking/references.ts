import { randomInt } from 'node:crypto'

/**
 * Booking references such as FH-7K3P-Q9: easy to read out on the phone, so no 0/O or 1/I.
 * 32 symbols, 6 of them random: about a billion references; a collision is retried.
 */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export function newReference(): string {
  const pick = () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]!
  const chars = Array.from({ length: 6 }, pick).join('')
  return `FH-${chars.slice(0, 4)}-${chars.slice(4)}`
}

/**
 * A reference as someone typed or said it ("fh 7k3p q9", "7K3PQ9") in its stored form, or
 * undefined when it cannot be one. Characters outside the alphabet (0, O, 1, I) are refused
 * rather than guessed.
 */
export function normaliseReference(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/^FH/, '')
  if (compact.length !== 6) return undefined
  for (const char of compact) if (!REFERENCE_ALPHABET.includes(char)) return undefined
  return `FH-${compact.slice(0, 4)}-${compact.slice(4)}`
}
