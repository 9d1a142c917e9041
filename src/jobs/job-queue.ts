import type { Agenda } from 'agenda'

/**
 * What services see of the job system: put a job on the queue, now or later. Jobs carry ids only
 * and re-read the database when they run, so enqueuing twice is harmless.
 */
export interface JobQueue {
  now(name: string, data: Record<string, unknown>): Promise<void>
  at(when: Date, name: string, data: Record<string, unknown>): Promise<void>
}

export class AgendaJobQueue implements JobQueue {
  constructor(private readonly agenda: Agenda) {}

  async now(name: string, data: Record<string, unknown>): Promise<void> {
    await this.agenda.now(name, data)
  }

  async at(when: Date, name: string, data: Record<string, unknown>): Promise<void> {
    await this.agenda.schedule(when, name, data)
  }
}
