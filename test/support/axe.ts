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
  await page.evaluate(axeSource)
  // A string, so the test's TypeScript needs no DOM types; it runs in the page.
  //
  // One known finding is left out: GOV.UK Frontend puts aria-expanded on a radio that reveals a
  // conditional question. The Design System team keep it on purpose, having tested it with
  // screen readers (alphagov/govuk-frontend#979); axe's aria-allowed-attr flags it. Only that
  // attribute on exactly those inputs is excused; anything else still fails.
  const violations = (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
      .then((result) => result.violations
        .map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.filter((n) => !(v.id === 'aria-allowed-attr'
            && /aria-expanded/.test(n.failureSummary || '')
            && document.querySelector(n.target[0])?.matches('.govuk-radios__input[aria-controls]')))
            .map((n) => ({ target: n.target })),
        }))
        .filter((v) => v.nodes.length > 0))
  `)) as AxeViolation[]
  return violations
}

export const describeViolations = (violations: AxeViolation[]): string =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n')
