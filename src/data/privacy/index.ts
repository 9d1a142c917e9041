import type { Database } from '../../db/database.js'
import { FamilyErasure } from './family-erasure.js'
import { FamilyExport } from './family-export.js'

/** Subject access and retention (part of the dataAccess() composition root). */
export function privacyData(database: Database) {
  return {
    erasure: new FamilyErasure(database.db),
    export: new FamilyExport(database.db),
  }
}
