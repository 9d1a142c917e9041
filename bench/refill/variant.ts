import { performance } from 'node:perf_hooks'
import type { RefillModel } from './model.js'
import { measure, type RefillMeasurement } from './measure.js'
import { freshDatabase } from './fresh-database.js'
import type { RefillRules } from './rules.js'
import { RulesUnavailable, simulateTerm } from './simulation.js'

export type VariantResult =
  ({ rules: string; seconds: number; database: string } & RefillMeasurement) | { rules: string; unavailable: string }

/** One term under one rules variant, on a database of its own that is dropped afterwards. */
export async function runVariant(model: RefillModel, rules: RefillRules, serverUrl: string | undefined): Promise<VariantResult> {
  const fresh = await freshDatabase(serverUrl)
  try {
    const started = performance.now()
    const log = await simulateTerm(fresh.database, model, rules)
    const seconds = Math.round((performance.now() - started) / 100) / 10
    return { rules: rules.name, seconds, database: fresh.where, ...(await measure(fresh.database, model, log, rules)) }
  } catch (error) {
    if (error instanceof RulesUnavailable) return { rules: rules.name, unavailable: error.message }
    throw error
  } finally {
    await fresh.drop()
  }
}
