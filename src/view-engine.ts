import ejs from 'ejs'
import type { Express } from 'express'
import { fromRoot } from './project-root.js'

const viewsDir = fromRoot('views')

/**
 * EJS with a layout: a page renders first, then the layout named by its `layout` local
 * (default layouts/main) wraps it, receiving the page's HTML as `body`. `layout: false` renders a
 * page bare (CSV, emails, print views that bring their own layout).
 */
export function setUpViewEngine(app: Express): void {
  app.set('views', viewsDir)
  app.set('view engine', 'ejs')
  app.engine('ejs', (file, locals, callback) => {
    const options = { cache: app.get('view cache') as boolean, root: viewsDir, views: [viewsDir] }
    // EJS copies its data, so a page passes facts to the layout through this shared object:
    // <% page.title = 'Check your answers' %>, page.backLink, page.wide.
    const data = { ...(locals as Record<string, unknown>) }
    data.page = { ...((data.page as object | undefined) ?? {}) }
    ejs.renderFile(file, data, options).then((body) => {
      if (data.layout === false) return callback(null, body)
      const layout = `${viewsDir}/${typeof data.layout === 'string' ? data.layout : 'layouts/main'}.ejs`
      ejs.renderFile(layout, { ...data, body }, options).then((html) => callback(null, html), callback)
    }, callback)
  })
}
