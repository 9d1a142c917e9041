import { fileURLToPath } from 'node:url'
import { freePort, startChild, waitUntilReady, type Child } from './processes.js'

export const projectRoot = fileURLToPath(new URL('..', import.meta.url))
export const BENCH_SESSION_SECRET = 'benchmark-secret-benchmark-secret-0123456789'
/** Every virtual browser comes from 127.0.0.1, so the per-address booking limits are lifted for the run. */
export const BENCH_RATE_LIMIT_BOOKING_POSTS = '1000000'

export interface WebProcess extends Child {
  url: string
}

/**
 * The built web process alone (`node dist/src/main.js --web`), production settings, on a free
 * loopback port. It migrates the database and adds the demo data at start (SEED_DEMO_DATA=true).
 * `nodeFlags` go before the script (for --cpu-prof).
 */
export async function startWebProcess(databaseUrl: string, nodeFlags: string[] = [], webProcesses = 1): Promise<WebProcess> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '10',
    SEED_DEMO_DATA: 'true',
    SESSION_SECRET: BENCH_SESSION_SECRET,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_BOOKING_POSTS: BENCH_RATE_LIMIT_BOOKING_POSTS,
    RATE_LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR: BENCH_RATE_LIMIT_BOOKING_POSTS,
    // Production runs one web process per core by default; the goals are for one process.
    WEB_CONCURRENCY: String(webProcesses),
    DATA_DIR: '/tmp/fh-bench-unused',
  }
  const child = startChild(process.execPath, [...nodeFlags, 'dist/src/main.js', '--web'], env, projectRoot)
  const url = `http://127.0.0.1:${port}`
  await waitUntilReady(child, `${url}/readyz`)
  return { ...child, url }
}

/** The bare Express reference in its own process (bench/bare-express.ts, through tsx). */
export async function startBareExpress(): Promise<WebProcess> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port) }
  const child = startChild(process.execPath, ['--import', 'tsx', 'bench/bare-express.ts'], env, projectRoot)
  const url = `http://127.0.0.1:${port}`
  await waitUntilReady(child, `${url}/`)
  return { ...child, url }
}
