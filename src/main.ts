import cluster from 'node:cluster'
import { ConfigError, loadConfig, type Config } from './config.js'
import { createLogger, prettyLogs, type Logger } from './logger.js'
import { startRuntime } from './runtime.js'
import { announceStarted, progress } from './start-up-messages.js'
import { runForkedWebProcess, runWebCluster } from './web-cluster.js'

/**
 * `node dist/src/main.js` runs web and worker in one process; `--web` or `--worker` runs one.
 * Web processes keep no state of their own, so several can run behind a load balancer, and with
 * WEB_CONCURRENCY above 1 this process forks that many itself (web-cluster.ts).
 */
async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const logger = createLogger(config.logLevel, { pretty: prettyLogs(config, process.stdout.isTTY === true) })
  if (cluster.isWorker) return runForkedWebProcess(config, logger, stopOnSignals)

  const args = new Set(process.argv.slice(2))
  const web = !args.has('--worker') || args.has('--web')
  const worker = !args.has('--web') || args.has('--worker')
  if (web && config.webConcurrency > 1) return runWebCluster({ config, logger, worker, count: config.webConcurrency, stopOnSignals })
  await runOneProcess(config, logger, web, worker)
}

async function runOneProcess(config: Config, logger: Logger, web: boolean, worker: boolean): Promise<void> {
  const runtime = await startRuntime({ config, logger, web, worker, onStep: progress(config, logger) })
  const roles = [web && 'web', worker && 'worker'].filter(Boolean).join(' and ')
  logger.info({ mode: runtime.database.mode, roles }, 'started')
  const announced = runtime.url ? announceStarted(config, runtime.url, runtime, logger) : Promise.resolve()
  // The announcement reads the database (the demo sign-ins), so stopping waits for it.
  stopOnSignals(logger, async () => {
    await announced
    await runtime.stop()
  })
}

/** SIGTERM or SIGINT: stop (once), then exit 0, or 1 if stopping failed. */
function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    try {
      await stop()
      process.exit(0)
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Could not start: ${error.message}` : error)
  process.exit(1)
})
