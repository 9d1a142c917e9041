import type { Request } from 'express'
import type { AlsoSuitable } from '../../services/booking/booking-types.js'
import { fieldList } from '../forms/fields.js'

/** The "which other runs suit you" answer: 'any', course ids, or undefined when nothing was ticked. */
export function alsoSuitableFrom(req: Request): AlsoSuitable | undefined {
  const values = fieldList(req.body, 'alsoSuitable')
  if (values.includes('any')) return 'any'
  const ids = values.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0)
  return ids.length > 0 ? ids.slice(0, 100) : undefined
}
