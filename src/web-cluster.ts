import cluster, { type Worker } from 'node:cluster'
import { once } from 'node:events'
import { resolve } from 'node:path'
import type { Config } from './config.js'
import type { Logger } from './logger.js'
import { startRuntime } from './runtime.js'
import { announceStarted, progress } from './start-up-messages.js'

/*
 * WEB_CONCURRENCY above 1: this process (the primary) prepares the database once, runs the job
 * worker itself when it has that role (jobs need one process, not one per core), and forks that
 * many web-only processes, which share the port through node:cluster. On SIGTERM or SIGINT it asks
 * each of them to stop (each drains its server as a single process does), waits, then stops its
 * own part and exits 0.
 */

type StopOnSignals = (logger: Logger, stop: () => Promise<void>) => void

/** Sent by a forked web process once its server listens. */
interface Listening {
  type: 'listening'
  url: string
}
const isListening = (message: unknown): message is Listening =>
  typeof message === 'object' &&
  message !== null &&
  (message as Listening).type === 'listening' &&
  typeof (message as Listening).url === 'string'

export interface WebClusterOptions {
  config: Config
  logger: Logger
  /** Run the job worker in the primary too (`npm start`), or only supervise (`--web`). */
  worker: boolean
  count: number
  stopOnSignals: StopOnSignals
}

export async function runWebCluster({ config, logger, worker, count, stopOnSignals }: WebClusterOptions): Promise<void> {
  const step = progress(config, logger)
  const runtime = await startRuntime({
    config,
    logger,
    web: false,
    worker,
    extraConnections: count * config.database.poolSize,
    onStep: step,
  })
  step(`Starting ${count} web processes…`)
  const env = { DATABASE_URL: config.database.url ?? embeddedDatabaseUrl(config.database.dataDir) }
  const children = new Set<Worker>()
  let stopping = false

  const fork = (): Promise<string> => {
    const child = cluster.fork(env)
    children.add(child)
    let listened = false
    const listening = new Promise<string>((resolveUrl, reject) => {
      child.on('message', (message: unknown) => {
        if (!isListening(message)) return
        listened = true
        resolveUrl(message.url)
      })
      child.on('exit', (code, signal) => {
        children.delete(child)
        if (!listened) return reject(new Error(`a web process stopped while starting (exit code ${code ?? signal})`))
        // One that crashed is replaced; one that exited 0 was asked to stop (a signal to the group).
        if (stopping || code === 0) return
        logger.error({ pid: child.process.pid, code, signal }, 'web process stopped; starting another')
        fork().catch((error: unknown) => logger.error({ err: error }, 'could not replace a web process'))
      })
    })
    return listening
  }

  const stopChildren = async () => {
    stopping = true
    await Promise.all(
      [...children].map(async (child) => {
        const exited = once(child, 'exit')
        child.process.kill('SIGTERM')
        await exited
      }),
    )
  }

  let urls: string[]
  try {
    urls = await Promise.all(Array.from({ length: count }, fork))
  } catch (error) {
    await stopChildren()
    await runtime.stop()
    throw error
  }
  logger.info(
    { mode: runtime.database.mode, roles: worker ? 'worker, and web in each child' : 'web in each child', webProcesses: count },
    'started',
  )
  const announced = announceStarted(config, urls[0]!, runtime, logger)
  // The announcement reads the database (the demo sign-ins), so stopping waits for it.
  stopOnSignals(logger, async () => {
    await announced
    await stopChildren()
    await runtime.stop()
  })
}

/** A forked web process: web only, on the database its primary prepared; tells the primary when it listens. */
export async function runForkedWebProcess(config: Config, logger: Logger, stopOnSignals: StopOnSignals): Promise<void> {
  const runtime = await startRuntime({ config, logger, web: true, worker: false, prepareDatabase: false })
  logger.info({ roles: 'web' }, 'started')
  stopOnSignals(logger, () => runtime.stop())
  process.send?.({ type: 'listening', url: runtime.url } satisfies Partial<Listening>)
}

/**
 * The embedded database is served by the primary on a Unix socket in DATA_DIR (db/database.ts); a
 * forked process reaches it as a server, through that socket.
 */
export function embeddedDatabaseUrl(dataDir: string): string {
  return `postgres://postgres@localhost:5432/postgres?host=${encodeURIComponent(resolve(dataDir))}`
}
