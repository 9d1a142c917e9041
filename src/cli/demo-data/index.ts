import type { Db } from '../../db/database.js'
import { demoRows } from '../../data/demo/demo-rows.js'
import type { Logger } from '../../logger.js'
import { seedDemoData } from './demo-data.js'
import type { Config } from '../../config.js'

/**
 * Fills a new, empty database with demo data; leaves a database that has any hub alone. Pass the
 * app's settings so that demo bookings' manage links open like real ones, and offers and reminders
 * follow the app's own rules.
 */
export async function seedIfEmpty(db: Db, logger: Logger, now = new Date(), config?: Config): Promise<boolean> {
  if (await demoRows.hasHubs(db)) return false
  // The demo staff are added inside, before the past: the demo facilitator takes its registers.
  await seedDemoData(db, now, config?.sessionSecret, { history: true, ...(config ? { config } : {}), logger })
  logger.info('demo data added')
  return true
}
