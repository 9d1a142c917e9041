/**
 * Profiles the built web process under the catalogue load: `node --cpu-prof` on the web process,
 * 32 connections on `/` for 2 s + 10 s, then a self-time summary. The .cpuprofile goes to
 * BENCH_PROFILE_DIR (default a new folder in /tmp), never into the repository.
 *   npm run build && npx tsx bench/profile-catalogue.ts
 * The summary leaves out the process's start (migrations and demo data): only the load is counted.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatSummary, summarise } from './cpu-profile-summary.js'
import { loadPage } from './page-load.js'
import { killChildren } from './processes.js'
import { createThrowawayDatabase, DEFAULT_SERVER_URL } from './throwaway-database.js'
import { startWebProcess } from './web-process.js'

async function main(): Promise<void> {
  const dir = process.env.BENCH_PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'fh-cpu-prof-'))
  const database = await createThrowawayDatabase(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL, 'fh_prof')
  let startUpMs: number
  try {
    const spawned = Date.now()
    const web = await startWebProcess(database.url, ['--cpu-prof', '--cpu-prof-dir', dir])
    startUpMs = Date.now() - spawned
    const load = await loadPage(`${web.url}/`)
    console.log(`Catalogue under profile: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms`)
    // SIGTERM lets main.js exit normally, which is when node writes the profile.
    await web.stop(30_000)
  } finally {
    killChildren()
    await database.drop()
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) throw new Error(`No .cpuprofile in ${dir}`)
  console.log(`Profile: ${join(dir, file)} (the first ${(startUpMs / 1000).toFixed(1)} s, starting up, left out)\n`)
  console.log(formatSummary(summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')), 30, startUpMs)))
}

main().catch((error: unknown) => {
  console.error(error)
  killChildren()
  process.exit(1)
})
