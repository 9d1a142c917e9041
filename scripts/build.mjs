// `npm run build` (and so `npm start`): the styles, then the TypeScript, one short line per step so
// that someone waiting for a first start sees what is happening. Stops at the first failure.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')

/** Runs node on a script with its output shown; exits with its code if it fails. */
function run(script, args = []) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run(join(root, 'scripts', 'build-assets.mjs'))
console.log('Compiling TypeScript…')
run(tsc, ['-p', 'tsconfig.build.json'])
