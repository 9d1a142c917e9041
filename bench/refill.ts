/**
 * npm run bench:refill
 *
 * A seeded term through the real booking services and database, once per waiting-list rules
 * variant (today's rules, and issue 10's new rules once merged: bench/refill/rules.ts), each on a
 * fresh database with the same families: who wants which run, who cancels and when, who answers
 * an offer and how fast (bench/refill/model.ts). The clock is simulated: every service call gets
 * `now`, and the simulation does the job system's time-driven work itself. Prints the refill
 * figures side by side and writes bench/refill-results.json.
 *
 * DATABASE_URL: a PostgreSQL server to make the throwaway databases on; unset, embedded PGlite.
 * Options (environment): BENCH_SEEDS (comma-separated, default five seeds), BENCH_RULES (default
 * today,new; also new-as-today),
 * BENCH_FAMILIES, BENCH_CANCEL_SHARE, BENCH_NEVER_ANSWER_SHARE, BENCH_DECLINE_SHARE,
 * BENCH_ANSWER_MEDIAN_HOURS, BENCH_WILLING_OTHER_RUN_SHARE, BENCH_LATE_CANCEL_SHARE (the share of
 * cancellations in the last 24 hours, the rest spread as in the default timing), BENCH_NIGHT_DEFER_SHARE,
 * BENCH_CANCEL_NIGHT_DEFER_SHARE, BENCH_SWEEP_MINUTES; BENCH_RESULTS: where to write the results
 * instead; BENCH_KEEP_DATABASE=true keeps the server databases to query afterwards.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { performance } from 'node:perf_hooks'
import { defaultModel, totalPlaces, type RefillModel } from './refill/model.js'
import { allRules, defaultRules, type RefillRules } from './refill/rules.js'
import { runVariant, type VariantResult } from './refill/variant.js'
import { pool, printPooled, printTable } from './refill/table.js'

function modelFromEnv(env: NodeJS.ProcessEnv): RefillModel {
  const number = (name: string, fallback: number) => (env[name] === undefined ? fallback : Number(env[name]))
  const model: RefillModel = {
    ...defaultModel,
    families: number('BENCH_FAMILIES', defaultModel.families),
    cancelShare: number('BENCH_CANCEL_SHARE', defaultModel.cancelShare),
    neverAnswerShare: number('BENCH_NEVER_ANSWER_SHARE', defaultModel.neverAnswerShare),
    declineShare: number('BENCH_DECLINE_SHARE', defaultModel.declineShare),
    answerMedianHours: number('BENCH_ANSWER_MEDIAN_HOURS', defaultModel.answerMedianHours),
    willingOtherRunShare: number('BENCH_WILLING_OTHER_RUN_SHARE', defaultModel.willingOtherRunShare),
    nightDeferShare: number('BENCH_NIGHT_DEFER_SHARE', defaultModel.nightDeferShare),
    cancelNightDeferShare: number('BENCH_CANCEL_NIGHT_DEFER_SHARE', defaultModel.cancelNightDeferShare),
    sweepMinutes: number('BENCH_SWEEP_MINUTES', defaultModel.sweepMinutes),
  }
  const late = env.BENCH_LATE_CANCEL_SHARE
  if (late !== undefined) {
    // The last-day bands take this share between them; the earlier bands the rest, in their proportions.
    const isLate = (band: { toHours: number }) => band.toHours <= 24
    const lateWeight = defaultModel.cancelTiming.filter(isLate).reduce((s, b) => s + b.weight, 0)
    const earlyWeight = 1 - lateWeight
    model.cancelTiming = defaultModel.cancelTiming.map((band) => ({
      ...band,
      weight: isLate(band) ? (band.weight / lateWeight) * Number(late) : (band.weight / earlyWeight) * (1 - Number(late)),
    }))
  }
  for (const [name, value] of Object.entries(model))
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`The option for ${name} is not a number`)
  return model
}

/** Five terms by default: one term has only about 35 places given up, too few for a rate on its own. */
const defaultSeeds = (seed: number) => [0, 1, 2, 3, 4].map((i) => seed + i).join(',')

async function main(): Promise<void> {
  const base = modelFromEnv(process.env)
  const seeds = (process.env.BENCH_SEEDS ?? defaultSeeds(base.seed)).split(',').map(Number)
  const names = (process.env.BENCH_RULES ?? defaultRules.join(',')).split(',')
  const rules = names.map((name) => {
    const found = allRules.find((r) => r.name === name)
    if (!found) throw new Error(`No rules called ${name}: ${allRules.map((r) => r.name).join(', ')}`)
    return found
  })
  const serverUrl = process.env.DATABASE_URL
  console.log(
    `${base.runs.length} runs, ${totalPlaces(base)} places, ${base.families} families ` +
      `(${(base.families / totalPlaces(base)).toFixed(2)}x), seeds ${seeds.join(', ')}, on ${serverUrl ? 'the PostgreSQL server' : 'embedded PGlite'}`,
  )
  const results: { seed: number; variants: VariantResult[] }[] = []
  for (const seed of seeds) {
    const model = { ...base, seed }
    const variants: VariantResult[] = []
    for (const variant of rules as RefillRules[]) {
      const started = performance.now()
      const result = await runVariant(model, variant, serverUrl)
      variants.push(result)
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      console.log(`seed ${seed}, ${variant.name} rules: ${'unavailable' in result ? result.unavailable : `${seconds} s`}`)
    }
    results.push({ seed, variants })
    printTable(seed, variants)
  }
  const pooled = pool(results)
  const notMerged = rules.map((r) => r.name).filter((name) => !pooled.some((p) => p.rules === name))
  printPooled(pooled, notMerged)
  const output = {
    measuredAt: new Date().toISOString(),
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      database: serverUrl ? 'PostgreSQL server' : 'embedded PGlite',
    },
    model: { ...base, seed: undefined, places: totalPlaces(base) },
    seeds,
    pooled,
    results,
  }
  const file = process.env.BENCH_RESULTS ?? fileURLToPath(new URL('./refill-results.json', import.meta.url))
  // Formatted as `npm run lint` checks it, so a fresh run can be committed as it is.
  writeFileSync(file, await format(JSON.stringify(output), { parser: 'json', ...(await resolveConfig(file)) }))
  console.log(`Wrote ${file}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
