// Builds public/build/ (ignored by git): the service's CSS from govuk-frontend's Sass, and the
// Design System's JavaScript, fonts and images. Run by `npm run build:css` (and so by `npm start`
// and `npm test`). The committed files beside it in public/ (favicon, small JS) are served as they are.
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

console.log('Building styles…')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'public', 'build')
const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

const css = sass.compile(join(root, 'assets', 'scss', 'application.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
})
writeFileSync(join(out, 'application.css'), css.css)
copyFileSync(join(govuk, 'govuk-frontend.min.js'), join(out, 'govuk-frontend.min.js'))
cpSync(join(govuk, 'assets'), join(out, 'assets'), { recursive: true })
