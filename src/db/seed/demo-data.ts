import type { Db } from '../database.js'

/** Demo hubs, programmes, courses and drop-ins over the next 8 weeks. (Filled in by the catalogue work.) */
export async function seedDemoData(db: Db, now: Date): Promise<void> {
  void db
  void now
}
