// Builds public/: the service's CSS from govuk-frontend's Sass, and copies the Design System's
// JavaScript. Run by `npm run build:css` (and so by `npm start` and `npm test`).
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'public')
const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
mkdirSync(join(out, 'images'), { recursive: true })

const css = sass.compile(join(root, 'assets', 'scss', 'application.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
})
writeFileSync(join(out, 'application.css'), css.css)
copyFileSync(join(govuk, 'govuk-frontend.min.js'), join(out, 'govuk-frontend.min.js'))
copyFileSync(join(root, 'assets', 'js', 'init.mjs'), join(out, 'init.js'))
copyFileSync(join(root, 'assets', 'images', 'favicon.svg'), join(out, 'images', 'favicon.svg'))
console.log('assets built in public/')
