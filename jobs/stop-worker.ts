import type { Agenda, Job } from 'agenda'
import type { Logger } from '../src/logger.js'

/**
 * What this file reads of agenda's job processor, which agenda 6 keeps private. Agenda's own
 * drain() reads the same lists, but it is no use here: it waits for 'complete' events, and a
 * finished one-off job is removed after its event (removeOnComplete), so drain() can miss the last
 * job and wait for its whole timeout; and it unlocks none of the jobs fetched but not yet started.
 */
interface JobProcessorView {
  /** Jobs whose run (handler, state save, removal) has not ended. */
  runningJobs: Job[]
  /** Jobs this process holds a lock on: running, or fetched and waiting for their time. */
  lockedJobs: Job[]
  /** Job names whose "find and lock the next one" query is under way. */
  isJobQueueFilling: Map<string, boolean>
}

const processorOf = (agenda: Agenda) => (agenda as unknown as { jobProcessor?: JobProcessorView }).jobProcessor
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface StopWorkerOptions {
  logger: Logger
  /** How long running jobs may take to end before the database is closed under them. */
  graceMs: number
}

/**
 * Stops the job worker so that the database can be closed right after. agenda's stop() only stops
 * taking jobs: a job already running goes on, and its next query would find the pool closed (the
 * job fails and keeps its lock until the lock lifetime ends), so this also waits for every running
 * job and every fetch under way. Long jobs are told to stop early by the signal runtime.ts aborts
 * first (they stop between batches). A job still running after graceMs is left to fail: every job
 * is safe to run again, and another worker picks it up once its lock expires.
 */
export async function stopJobWorker(agenda: Agenda, { logger, graceMs }: StopWorkerOptions): Promise<void> {
  const processor = processorOf(agenda)
  if (!processor) return agenda.stop()
  // agenda.stop() clears the poll and unlocks these (fetched, not started); it waits for no job.
  const unlockedByStop = new Set(processor.lockedJobs.filter((job) => !processor.runningJobs.includes(job)))
  await agenda.stop()
  const busy = () => processor.runningJobs.length > 0 || processor.isJobQueueFilling.size > 0
  if (busy()) logger.info({ running: processor.runningJobs.map((job) => job.attrs.name) }, 'waiting for running jobs to end')
  // agenda emits no event once a job's run has wholly ended (see JobProcessorView), so look often.
  const deadline = Date.now() + graceMs
  while (busy() && Date.now() < deadline) await sleep(25)
  // A fetch under way at stop() may have locked jobs after it unlocked the others: unlock those too,
  // or they wait for their lock to expire (minutes) before any worker runs them.
  const running = new Set(processor.runningJobs)
  const left = processor.lockedJobs.filter((job) => !running.has(job) && !unlockedByStop.has(job) && job.attrs._id !== undefined)
  if (left.length > 0) await agenda.db.unlockJobs(left.map((job) => job.attrs._id!))
  if (running.size > 0) {
    logger.warn(
      { running: [...running].map((job) => job.attrs.name), graceMs },
      'jobs still running at shutdown; they will run again elsewhere',
    )
  }
}
