import { ConfigError, loadConfig } from './config.js'
import { createLogger } from './logger.js'
import { startRuntime } from './runtime.js'

/**
 * `node dist/src/main.js` runs web and worker in one process; `--web` or `--worker` runs one.
 * Web processes keep no state of their own, so several can run behind a load balancer.
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
  const logger = createLogger(config.logLevel)
  const args = new Set(process.argv.slice(2))
  const web = !args.has('--worker') || args.has('--web')
  const worker = !args.has('--web') || args.has('--worker')

  const runtime = await startRuntime({ config, logger, web, worker })
  // Listen for signals before anything else awaits, so a stop during start-up is graceful too.
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    try {
      await runtime.stop()
      process.exit(0)
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  const roles = [web && 'web', worker && 'worker'].filter(Boolean).join(' and ')
  logger.info({ mode: runtime.database.mode, roles }, 'started')
  if (runtime.url) {
    console.log(`\n${config.serviceName} is running at ${config.baseUrl}`)
    console.log(`Database: ${runtime.database.mode === 'embedded' ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}` : 'PostgreSQL server from DATABASE_URL'}`)
    if (!config.isProduction) await printDemoLogins(runtime)
  }
}

/** Outside production, tell someone trying the app how to sign in as each kind of staff. */
async function printDemoLogins(runtime: Awaited<ReturnType<typeof startRuntime>>): Promise<void> {
  const services = runtime.services as unknown as { demoLogins?: () => Promise<string[]> }
  const lines = (await services.demoLogins?.()) ?? []
  if (lines.length > 0) console.log(['Demo staff sign-ins (not in production):', ...lines].join('\n  '))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `Could not start: ${error.message}` : error)
  process.exit(1)
})
