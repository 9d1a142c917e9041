import type { Request } from 'express'

/**
 * The one way to read a submitted form. urlencoded bodies hold strings, arrays of strings (a
 * field sent twice), or nothing; anything else, or a field missing, reads as empty.
 */
export type FormBody = Record<string, unknown>

export const formBody = (req: Request): FormBody => (req.body ?? {}) as FormBody

/** One trimmed string, cut to maxLength if given ('' when missing or not a single string). */
export function field(body: unknown, name: string, maxLength?: number): string {
  const value = (body as FormBody | undefined)?.[name]
  const text = typeof value === 'string' ? value.trim() : ''
  return maxLength === undefined ? text : text.slice(0, maxLength)
}

/** A checkbox group's values: none, one or many (an empty single value counts as none). */
export function fieldList(body: unknown, name: string): string[] {
  const value = (body as FormBody | undefined)?.[name]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  return typeof value === 'string' && value !== '' ? [value] : []
}
