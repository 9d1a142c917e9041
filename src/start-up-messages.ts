import type { Config } from './config.js'
import type { Logger } from './logger.js'
import { paths } from './paths.js'
import type { Runtime } from './runtime.js'

/**
 * What someone who just typed `npm start` reads: a short line per start-up step while they wait,
 * then where the app is, where its emails and texts go, and (last, so it stays on screen) how to
 * sign in as staff. In production the steps are log lines and nothing else is printed.
 */
export function progress(config: Config, logger: Logger): (step: string) => void {
  return config.isProduction ? (step) => logger.info({ step }, 'starting') : (step) => console.log(step)
}

/**
 * The address to open. BASE_URL when it was set; otherwise the port the server really listens on,
 * which differs from the default BASE_URL's when PORT=0 asked for any free port.
 */
export function publicUrl(config: Config, listeningUrl: string): string {
  return config.baseUrl === `http://localhost:${config.port}` ? listeningUrl : config.baseUrl
}

async function announce(config: Config, listeningUrl: string, runtime: Pick<Runtime, 'database' | 'services'>): Promise<void> {
  const url = publicUrl(config, listeningUrl)
  const database =
    runtime.database.mode === 'embedded'
      ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}`
      : 'PostgreSQL server from DATABASE_URL'
  const lines = [``, `${config.serviceName} is running at ${url}`, `Database: ${database}`]
  if (!config.isProduction) lines.push(`Emails and texts (dev outbox): ${url}${paths.devOutbox.index}`)
  console.log(lines.join('\n'))
  if (!config.isProduction) await printDemoLogins(runtime, url)
}

/**
 * announce() once the service is up. The service is running by then, so a failure here (the
 * database gone, say) is a warning, never "could not start": it used to reject main(), whose exit 1
 * then raced the clean exit of a shutdown that had closed the database under it.
 */
export function announceStarted(
  config: Config,
  listeningUrl: string,
  runtime: Pick<Runtime, 'database' | 'services'>,
  logger: Logger,
): Promise<void> {
  return announce(config, listeningUrl, runtime).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not print the start-up message'),
  )
}

/** Outside production, tell someone trying the app how to sign in as each kind of staff. */
async function printDemoLogins(runtime: Pick<Runtime, 'services'>, url: string): Promise<void> {
  const lines = await runtime.services.demoLogins(url)
  if (lines.length > 0) console.log(['Demo staff sign-ins (not in production):', ...lines].join('\n  '))
}
