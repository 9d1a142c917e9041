import type { FormErrors, FormValues } from '../../../middleware/flash.js'

/** A form's answer, or the GOV.UK-style messages keyed by the id of the field to fix. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FormErrors; values: FormValues }
