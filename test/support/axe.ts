import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/**
 * Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page and returns the violations. The
 * script is added through the DevTools protocol, so the page's CSP does not need to allow it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Added once per document; a page reused for the next URL gets it again.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource)
  // A string, so the test's TypeScript needs no DOM types; it runs in the page. Nothing is
  // excused: the radios' conditional reveals are ours (CSS), so no radio carries aria-expanded.
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] }, resultTypes: ['violations'] })
      .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))
  `)) as AxeViolation[]
  return violations
}

export const describeViolations = (violations: AxeViolation[]): string =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n')

/**
 * Collects axe's findings over many pages so that one run names every failure, not just the
 * first: check() each page in each state, then expect `failures` to be empty.
 */
export class AxeAudit {
  readonly failures: string[] = []
  checked = 0

  async check(page: Page, state: string): Promise<void> {
    this.checked += 1
    const violations = await axeViolations(page)
    if (violations.length) this.failures.push(`${state} (${new URL(page.url()).pathname}):\n${describeViolations(violations)}`)
  }
}
