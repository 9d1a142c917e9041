import type { z } from 'zod'
import type { FormErrors } from '../../middleware/flash.js'
import { govukErrors } from './zod-errors.js'

/** A form's clean answer, or its messages keyed by the id of the field to fix (in page order). */
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors }

/**
 * The one way a form is checked: the values read with the field readers go through a zod schema,
 * whose issues become GOV.UK messages. A schema lists its fields in page order, so the error
 * summary follows the page.
 */
export function validateForm<S extends z.ZodType>(schema: S, values: z.input<S>, fieldIds: Record<string, string> = {}): FormResult<z.output<S>> {
  const parsed = schema.safeParse(values)
  if (parsed.success) return { ok: true, value: parsed.data }
  return { ok: false, errors: govukErrors(parsed.error, fieldIds).fields }
}
