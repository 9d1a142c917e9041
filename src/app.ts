import express, { type Express } from 'express'
import { fromRoot } from './project-root.js'
import type { Services } from './services/index.js'
import { paths } from './paths.js'
import { setUpViewEngine } from './view-engine.js'
import { setUpWebSecurity } from './middleware/set-up-web-security.js'
import { setUpRequestLogging } from './middleware/set-up-request-logging.js'
import { setUpWebSession } from './middleware/set-up-web-session.js'
import { setUpCsrf } from './middleware/set-up-csrf.js'
import { setUpStaticFiles } from './middleware/set-up-static-files.js'
import { saveSessionBeforeRedirect } from './middleware/save-session-before-redirect.js'
import { errorHandler, notFound } from './middleware/error-handler.js'
import { refuseUnreadableInput } from './middleware/refuse-unreadable-input.js'
import { viewHelpers } from './views/helpers.js'
import { chooseLanguage } from './middleware/language.js'
import { translator } from './i18n/translator.js'
import { healthRoutes } from './routes/health/index.js'
import { routes } from './routes/index.js'
import { orukRoutes } from './routes/oruk/index.js'
import type pg from 'pg'

export interface AppDependencies {
  services: Services
  pool: pg.Pool
}

/** Builds the Express app. It never listens: server.ts does that, and tests use supertest. */
export function createApp({ services, pool }: AppDependencies): Express {
  const { config, logger } = services
  const app = express()
  app.disable('x-powered-by')
  if (config.isProduction) app.set('trust proxy', 1)
  setUpViewEngine(app)
  const staticFiles = setUpStaticFiles(fromRoot('public'), config)
  app.set('view cache', config.isProduction)

  app.use(healthRoutes(services))
  app.use(setUpRequestLogging(logger, { skipStaticFiles: !config.isProduction }))
  app.use(setUpWebSecurity())
  // View locals before anything that can fail (body parsing, CSRF), so error pages render too.
  app.use((req, res, next) => {
    Object.assign(res.locals, viewHelpers, {
      assetPath: staticFiles.assetPath,
      paths,
      serviceName: config.serviceName,
      currentPath: req.path,
      isProduction: config.isProduction,
      // English until chooseLanguage runs (after the session), so early error pages render too.
      t: translator('en'),
      lang: 'en',
      dir: 'ltr',
      languageLinks: [],
    })
    next()
  })
  app.use(staticFiles.router)
  // The Open Referral UK API: public JSON, so before body parsing, sessions and CSRF.
  app.use(orukRoutes(services))
  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 500 }))
  app.use(refuseUnreadableInput)
  app.use(setUpWebSession(config, pool, logger))
  app.use(saveSessionBeforeRedirect())
  app.use(
    chooseLanguage({
      englishOnly: (path) => path === paths.staff.home || path.startsWith(`${paths.staff.home}/`) || path.startsWith(paths.devOutbox.index),
    }),
  )
  app.use(setUpCsrf())
  app.use(routes(services))
  app.use(notFound())
  app.use(errorHandler(logger))
  return app
}
