import type { Database } from '../db/database.js'

export class HealthService {
  constructor(private readonly database: Database) {}

  /** True when the database answers a trivial query within the timeout. */
  async databaseReachable(timeoutMs = 2000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs)
    })
    const query = this.database.pool.query('select 1').then(
      () => true,
      () => false,
    )
    try {
      return await Promise.race([query, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
