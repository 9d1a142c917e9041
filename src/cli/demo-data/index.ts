import type { Db } from '../../db/database.js'
import { demoRows } from '../../data/demo/demo-rows.js'
import type { Logger } from '../../logger.js'
import { seedDemoData } from './demo-data.js'
import { seedDemoStaff } from './demo-staff.js'

/**
 * Fills a new, empty database with demo data; leaves a database that has any hub alone. Pass the
 * app's secret so that demo bookings' manage links open like real ones.
 */
export async function seedIfEmpty(db: Db, logger: Logger, now = new Date(), manageSecret?: string): Promise<boolean> {
  if (await demoRows.hasHubs(db)) return false
  await seedDemoData(db, now, manageSecret)
  await seedDemoStaff(db)
  logger.info('demo data added')
  return true
}
