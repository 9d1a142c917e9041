/**
 * Reads a V8 .cpuprofile (from `node --cpu-prof`) and sums self time per function and per package.
 *   npx tsx bench/cpu-profile-summary.ts /tmp/some.cpuprofile [top] [skip-ms]
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface SelfTime {
  name: string
  ms: number
  share: number
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url))

/** A frame's file relative to the project (EJS templates name theirs with a stray quote). */
const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^"|"$/g, '')
    .replace(projectRoot, '')

/**
 * Where a frame's code comes from: a package in node_modules, the app (dist/src, views), node
 * itself, native code called from JS, or V8's own entries ((idle), (garbage collector), (program)).
 */
export function origin(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame
  if (!url) return functionName.startsWith('(') ? functionName : 'native code called from JS'
  if (url.startsWith('node:')) return 'node core'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1]!
  const file = shortUrl(url)
  return file.startsWith('views/') ? 'app views (EJS)' : `app ${file}`
}

function ranked(totals: Map<string, number>, whole: number, top: number): SelfTime[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / whole }))
}

/**
 * Self time (the sample's gap to the next one) summed per function (name and place) and per origin.
 * `skipMs` leaves out the profile's first milliseconds (the process starting up).
 */
export function summarise(profile: CpuProfile, top = 25, skipMs = 0): { totalMs: number; functions: SelfTime[]; origins: SelfTime[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const perFunction = new Map<string, number>()
  const perOrigin = new Map<string, number>()
  let whole = 0
  let elapsedUs = 0
  for (let i = 0; i < profile.samples.length - 1; i++) {
    elapsedUs += profile.timeDeltas[i] ?? 0
    const node = byId.get(profile.samples[i]!)
    const us = profile.timeDeltas[i + 1] ?? 0
    if (!node || us <= 0 || elapsedUs < skipMs * 1000) continue
    const { functionName, url, lineNumber } = node.callFrame
    const fn = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim()
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + us)
    const from = origin(node.callFrame)
    perOrigin.set(from, (perOrigin.get(from) ?? 0) + us)
    whole += us
  }
  return { totalMs: whole / 1000, functions: ranked(perFunction, whole, top), origins: ranked(perOrigin, whole, top) }
}

export function formatSummary(summary: ReturnType<typeof summarise>): string {
  const line = (t: SelfTime) => `${(t.share * 100).toFixed(1).padStart(5)}%  ${t.ms.toFixed(0).padStart(7)} ms  ${t.name}`
  return [
    `Sampled: ${(summary.totalMs / 1000).toFixed(1)} s`,
    '',
    'Self time by origin:',
    ...summary.origins.map(line),
    '',
    'Top functions by self time:',
    ...summary.functions.map(line),
  ].join('\n')
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: tsx bench/cpu-profile-summary.ts FILE.cpuprofile [top]')
    process.exit(1)
  }
  console.log(
    formatSummary(
      summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 25), Number(process.argv[4] ?? 0)),
    ),
  )
}
