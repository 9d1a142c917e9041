/**
 * npm run bench: builds the app, then measures the built web process (dist/, NODE_ENV=production)
 * against references taken in the same run, on the PostgreSQL server, and prints one table
 * (also written to bench/results.json). See bench/README.md for what each figure means.
 *
 * DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); everything
 * happens in a throwaway database made here and dropped at the end, even on failure. Every child
 * process is killed on exit; the whole run stops itself after BENCH_MAX_MINUTES (default 20).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { bookingRush } from './booking-rush.js'
import { measureLockReference } from './lock-reference.js'
import { CONNECTIONS, loadPage } from './page-load.js'
import { killChildren, memoryMb, sampleRss } from './processes.js'
import { measureReminderThroughput } from './reminder-throughput.js'
import { formatTable, reportRows, type Measurements } from './report.js'
import { createThrowawayDatabase, DEFAULT_SERVER_URL, type ThrowawayDatabase } from './throwaway-database.js'
import { BENCH_RATE_LIMIT_BOOKING_POSTS, projectRoot, startBareExpress, startWebProcess } from './web-process.js'

const SERVER_URL = process.env.DATABASE_URL ?? DEFAULT_SERVER_URL
const MAX_MINUTES = Number(process.env.BENCH_MAX_MINUTES ?? 20)
/** Two reminders (an email and a text) per family: 4,000 messages. */
const REMINDER_FAMILIES = 2000

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`)

let database: ThrowawayDatabase | undefined

async function cleanUp(): Promise<void> {
  killChildren()
  await database?.drop().catch((error: unknown) => console.error(`Could not drop ${database?.name}:`, error))
}

/** A page the load test can use: the first bookable course and the first hub in the demo data. */
async function pagesToLoad(url: string): Promise<{ coursePath: string; hubPath: string }> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const course = await client.query<{ id: number }>(
      'select c.id from courses c where c.cancelled_at is null and exists (select 1 from sessions s where s.course_id = c.id and s.starts_at > now()) order by c.id limit 1',
    )
    const hub = await client.query<{ slug: string }>('select slug from hubs order by id limit 1')
    if (!course.rows[0] || !hub.rows[0]) throw new Error('The demo data has no course or hub')
    return { coursePath: `/courses/${course.rows[0].id}`, hubPath: `/hubs/${encodeURIComponent(hub.rows[0].slug)}` }
  } finally {
    await client.end()
  }
}

async function expectOk(url: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}, not 200`)
}

async function main(): Promise<void> {
  if (!existsSync(join(projectRoot, 'dist', 'src', 'main.js')))
    throw new Error('No dist/src/main.js: run `npm run build` first (npm run bench does)')
  const load = loadavg()
  log(`Benchmark on ${new URL(SERVER_URL).host}, ${cpus().length} cores, load average ${load.map((l) => l.toFixed(2)).join(' ')}`)
  database = await createThrowawayDatabase(SERVER_URL)
  log(`Throwaway database ${database.name}`)

  log(`Reference: bare Express "hello", ${CONNECTIONS} connections`)
  const bareProcess = await startBareExpress()
  const bare = await loadPage(`${bareProcess.url}/`)
  await bareProcess.stop()

  log('Reference: contended single-row lock, 32 clients, 10 s')
  const lock = await measureLockReference(database.url)

  log('Starting the web process (migrations and demo data)')
  const web = await startWebProcess(database.url)
  const { coursePath, hubPath } = await pagesToLoad(database.url)
  // The catalogue's form fields: q (free text) and day (services/catalogue/filters.ts).
  const urls = {
    catalogue: `${web.url}/`,
    filtered: `${web.url}/?q=toilet&day=monday`,
    course: `${web.url}${coursePath}`,
    hub: `${web.url}${hubPath}`,
  }
  for (const url of Object.values(urls)) await expectOk(url)
  const rss = sampleRss(web.pid)
  const pages = {} as Measurements['pages']
  for (const [name, url] of Object.entries(urls) as [keyof Measurements['pages'], string][]) {
    log(`Page load: ${url.slice(web.url.length)}`)
    pages[name] = await loadPage(url)
  }
  const peakRssMb = rss.stop()
  const peakHwmMb = memoryMb(web.pid, 'VmHWM')

  log('Booking rush: 1,000 browsers, one address each (X-Forwarded-For), booking limits lifted')
  const rush = await bookingRush(web.url, database.url)
  await web.stop()

  log('Page load: / with WEB_CONCURRENCY=2 (node:cluster, one web process per core)')
  const cluster = await startWebProcess(database.url, [], 2)
  await expectOk(`${cluster.url}/`)
  const catalogueTwoProcesses = await loadPage(`${cluster.url}/`)
  await cluster.stop()

  log(`Reminder worker: ${REMINDER_FAMILIES * 2} messages (its own throwaway database)`)
  const reminders = await measureReminderThroughput(REMINDER_FAMILIES, SERVER_URL)

  const measurements: Measurements = { bare, lock, pages, catalogueTwoProcesses, peakRssMb, peakHwmMb, rush, reminders }
  const rows = reportRows(measurements)
  console.log(`\n${formatTable(rows)}\n`)
  console.log(
    `Booking rush: course ${rush.courseId} (${rush.courseSource}), ${rush.browsers} final submits in ${rush.seconds.toFixed(2)} s; answers: ${JSON.stringify(rush.outcomes)}`,
  )
  console.log(
    `Rate limits: RATE_LIMIT_BOOKING_POSTS and RATE_LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR=${BENCH_RATE_LIMIT_BOOKING_POSTS}; each browser has its own address (X-Forwarded-For).`,
  )

  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim()
    } catch {
      return 'unknown'
    }
  })()
  const results = {
    measuredAt: new Date().toISOString(),
    commit,
    node: process.version,
    cores: cpus().length,
    loadAverageAtStart: load,
    rows,
    measurements,
  }
  writeFileSync(join(projectRoot, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n')
  log('Wrote bench/results.json')
}

const watchdog = setTimeout(() => {
  console.error(`The benchmark ran past ${MAX_MINUTES} minutes: stopping.`)
  void cleanUp().finally(() => process.exit(1))
}, MAX_MINUTES * 60_000)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping the benchmark.`)
    void cleanUp().finally(() => process.exit(130))
  })
}

main()
  .then(async () => {
    await cleanUp()
    clearTimeout(watchdog)
    process.exit(0)
  })
  .catch(async (error: unknown) => {
    console.error(error)
    await cleanUp()
    process.exit(1)
  })
