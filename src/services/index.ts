import type { DataAccess } from '../data/index.js'
import { CatalogueService } from './catalogue-service.js'
import { HealthService } from './health-service.js'
import type { JobQueue } from '../jobs/job-queue.js'
import { OutboxNotifier } from './notifications/outbox-notifier.js'

/** Composition root for business rules. Services never see req/res. */
export function services(data: DataAccess, jobs: JobQueue) {
  return {
    config: data.config,
    logger: data.logger,
    jobs,
    health: new HealthService(data.database),
    catalogue: new CatalogueService(data.catalogue),
    notifier: new OutboxNotifier(jobs),
  }
}

export type Services = ReturnType<typeof services>
