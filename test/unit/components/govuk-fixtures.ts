import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as cheerio from 'cheerio'
import ejs from 'ejs'

/**
 * govuk-frontend publishes, for every component, the Nunjucks options it was rendered with and the
 * HTML that came out (fixtures.json). These helpers let a test render our EJS copy with the same
 * options and compare the two as element trees, so our markup cannot drift from the design system.
 */
export type Options = Record<string, unknown>
export interface Fixture {
  name: string
  options: Options
  html: string
}

/** A parsed node (domhandler's type, reached through cheerio's so we depend on cheerio only). */
type AnyNode = ReturnType<ReturnType<cheerio.CheerioAPI['root']>['contents']>[number]

const require = createRequire(import.meta.url)
const viewsDir = path.resolve(import.meta.dirname, '../../../views')

export function fixtures(component: string): Fixture[] {
  const file = require.resolve(`govuk-frontend/dist/govuk/components/${component}/fixtures.json`)
  return (JSON.parse(readFileSync(file, 'utf8')) as { fixtures: Fixture[] }).fixtures
}

export function renderComponent(name: string, locals: Options): string {
  return ejs.render(readFileSync(path.join(viewsDir, 'components', `${name}.ejs`), 'utf8'), locals, {
    root: viewsDir,
    filename: path.join(viewsDir, 'components', `${name}.ejs`),
  })
}

/** Every option a fixture sets, as paths: { label: { text } } gives 'label.text', items give 'items[].value'. */
function optionPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => optionPaths(item, `${prefix}[]`))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => optionPaths(inner, prefix ? `${prefix}.${key}` : key))
  }
  return [prefix]
}

/** Whether every option the fixture uses is one our component has an equivalent for. */
export const usesOnly = (options: Options, supported: string[]): boolean =>
  optionPaths(options).every((option) => supported.includes(option))

export const optionsSet = (options: Options, required: string[]): boolean =>
  required.every((option) => optionPaths(options).includes(option))

/**
 * The HTML as indented lines: one per element (tag, then attributes sorted, classes as a sorted
 * set) and one per run of text, whitespace collapsed. Layout whitespace and attribute order are
 * not part of the markup's meaning; everything else is.
 */
export function normalisedTree(html: string): string[] {
  const $ = cheerio.load(html, null, false)
  const lines: string[] = []
  const walk = (nodes: AnyNode[], depth: number): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = node.data.replace(/\s+/g, ' ').trim()
        if (text) lines.push(`${'  '.repeat(depth)}"${text}"`)
      } else if (node.type === 'tag' || node.type === 'script') {
        const attributes = Object.entries(node.attribs)
          .map(([name, value]) => (name === 'class' ? [name, value.split(/\s+/).filter(Boolean).sort().join(' ')] : [name, value]))
          .sort(([a], [b]) => String(a).localeCompare(String(b)))
          .map(([name, value]) => `${name}="${value}"`)
        lines.push(`${'  '.repeat(depth)}<${node.name}${attributes.length ? ' ' + attributes.join(' ') : ''}>`)
        walk(node.children, depth + 1)
      }
    }
  }
  walk($.root().contents().toArray(), 0)
  return lines
}
