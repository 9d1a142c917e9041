// Builds public/build/ (ignored by git): the service's CSS from govuk-frontend's Sass, and the
// Design System's JavaScript, fonts and images. Run by `npm run build:css` (and so by `npm start`
// and `npm test`). The committed files beside it in public/ (favicon, small JS) are served as they are.
import { copyFileSync, cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

console.log('Building styles…')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'public', 'build')
// Built beside the old one and swapped in at the end: a server or test run reading public/build/ at
// the same time (CI runs two test passes at once) never finds it half-written or missing.
const building = `${out}.building-${process.pid}`
const old = `${out}.old-${process.pid}`
const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
rmSync(building, { recursive: true, force: true })
mkdirSync(building, { recursive: true })

const css = sass.compile(join(root, 'assets', 'scss', 'application.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
})
writeFileSync(join(building, 'application.css'), css.css)
copyFileSync(join(govuk, 'govuk-frontend.min.js'), join(building, 'govuk-frontend.min.js'))
cpSync(join(govuk, 'assets'), join(building, 'assets'), { recursive: true })
try {
  renameSync(out, old)
} catch (error) {
  if (error.code !== 'ENOENT') throw error
}
renameSync(building, out)
rmSync(old, { recursive: true, force: true })
