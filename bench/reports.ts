/**
 * npm run bench:reports
 *
 * Makes a throwaway database on the PostgreSQL server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), migrates it, fills it with two years of a city's
 * history in set-based SQL (bench/seed-reports.ts: 50 hubs, 20,000 families, about 250,000
 * bookings), times the whole city over 2 years with no report summaries yet (all counted live),
 * refreshes the summaries as the worker's job would (migration 0014), then times ReportsService.build for the whole city and for one hub, next to a
 * reference measured in the same run (a count of every booking). Prints the medians, the worst
 * runs and the ratios; writes bench/reports-results.json; drops the database, also on failure.
 *
 * BENCH_RUNS (default 7) sets how many timed runs each figure gets after one warm-up.
 */
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { DateTime } from 'luxon'
import { openDatabase, runMigrations } from '../src/db/database.js'
import { createLogger } from '../src/logger.js'
import { reportData } from '../src/data/reports/index.js'
import { ReportsService } from '../src/services/reports/reports-service.js'
import type { ReportFilter } from '../src/domain/reports.js'
import { LONDON } from '../src/time.js'
import { createThrowawayDatabase, DEFAULT_SERVER_URL } from './throwaway-database.js'
import { defaultCity, seedCity } from './seed-reports.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const GOAL_MS = 1000

interface Timing {
  medianMs: number
  worstMs: number
  runs: number
}

async function time(work: () => Promise<unknown>, runs = RUNS): Promise<Timing> {
  await work()
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    ms.push(performance.now() - start)
  }
  ms.sort((a, b) => a - b)
  return { medianMs: round(ms[Math.floor(ms.length / 2)]!), worstMs: round(ms[ms.length - 1]!), runs }
}

const round = (ms: number) => Math.round(ms * 10) / 10

async function main(): Promise<void> {
  const throwaway = await createThrowawayDatabase(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL, 'fh_bench_reports')
  const stop = () => void throwaway.drop().finally(() => process.exit(130))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    const logger = createLogger('warn')
    const database = await openDatabase({ databaseUrl: throwaway.url, dataDir: '.', poolSize: 10, logger })
    try {
      await runMigrations(database)
      const client = new pg.Client({ connectionString: throwaway.url })
      await client.connect()
      const seedStart = performance.now()
      const seeded = await seedCity(client, defaultCity)
      const seedSeconds = round((performance.now() - seedStart) / 1000)
      console.log(`Seeded in ${seedSeconds} s:`, seeded)

      const reports = new ReportsService(reportData(database), 24)
      const today = DateTime.now().setZone(LONDON)
      const twoYears: ReportFilter = { from: today.minus({ years: 2 }).toISODate()!, to: today.toISODate()!, scope: 'all' }
      // Before the summaries exist (just after migration 0014, or with the job stopped): all live.
      const noSummaries = await time(() => reports.build(twoYears), Math.min(RUNS, 3))
      // What the worker's job (jobs/report-summaries.ts) does every 10 minutes; here, the first run
      // over two years of history. Then the new tables get the statistics autovacuum would give them.
      const refreshStart = performance.now()
      const refreshed = await reports.refreshSummaries()
      const refreshSeconds = round((performance.now() - refreshStart) / 1000)
      console.log(`Summaries refreshed in ${refreshSeconds} s:`, refreshed)
      for (const table of ['session_attendance_summaries', 'session_attendance_counts', 'message_day_summaries', 'message_day_counts'])
        await client.query(`vacuum analyze ${table}`)
      // What a manager sees first: the page's default range, the last 12 weeks, by week.
      const pageDefault: ReportFilter = { from: today.minus({ weeks: 12 }).toISODate()!, to: today.toISODate()!, scope: 'all' }
      const hub = { ...twoYears, scope: [1] }
      const hubDefault = { ...pageDefault, scope: [1] }
      const reference = await time(() => client.query('select count(*) from bookings'))
      const results = {
        measuredAt: new Date().toISOString(),
        seed: { ...seeded, seconds: seedSeconds },
        summaries: { ...refreshed, seconds: refreshSeconds },
        reference: { what: 'select count(*) from bookings', ...reference },
        cityTwoYears: await time(() => reports.build(twoYears)),
        cityDefault12Weeks: await time(() => reports.build(pageDefault)),
        oneHubTwoYears: await time(() => reports.build(hub)),
        oneHubDefault12Weeks: await time(() => reports.build(hubDefault)),
        options: await time(() => reports.options('all')),
        cityTwoYearsBeforeSummaries: noSummaries,
        goalMs: GOAL_MS,
      }
      await client.end()
      const ratio = (t: Timing) => (t.medianMs / reference.medianMs).toFixed(1)
      console.log(`Reference (${results.reference.what}): median ${reference.medianMs} ms, worst ${reference.worstMs} ms`)
      for (const [name, t] of Object.entries({
        'Whole city, 2 years (months)': results.cityTwoYears,
        'Whole city, 12 weeks (default)': results.cityDefault12Weeks,
        'One hub, 2 years': results.oneHubTwoYears,
        'One hub, 12 weeks (default)': results.oneHubDefault12Weeks,
        'Filter options (all)': results.options,
        'City, 2 years, no summaries': results.cityTwoYearsBeforeSummaries,
      }))
        console.log(`${name.padEnd(30)} median ${t.medianMs} ms, worst ${t.worstMs} ms = ${ratio(t)}x the reference`)
      const verdict = (t: Timing) => (t.worstMs < GOAL_MS ? 'met' : 'NOT met')
      console.log(
        `Goal, whole city under ${GOAL_MS} ms: default page ${verdict(results.cityDefault12Weeks)}; 2 years ${verdict(results.cityTwoYears)}`,
      )
      writeFileSync(new URL('./reports-results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n')
    } finally {
      await database.close()
    }
  } finally {
    // BENCH_KEEP_DATABASE=true keeps the seeded database for EXPLAIN ANALYZE (drop it yourself).
    if (process.env.BENCH_KEEP_DATABASE === 'true') console.log(`Kept database ${throwaway.name}`)
    else await throwaway.drop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
