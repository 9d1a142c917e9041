import type { CatalogueRepository } from '../data/catalogue-repository.js'

export class CatalogueService {
  constructor(private readonly repository: CatalogueRepository) {}

  upcoming(now = new Date()) {
    return this.repository.upcomingSessions(now)
  }
}
