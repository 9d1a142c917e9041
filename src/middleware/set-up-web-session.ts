import session from 'express-session'
import connectPgSimple from 'connect-pg-simple'
import type pg from 'pg'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'

/**
 * Sessions in PostgreSQL (table http_sessions, made by the migrations). Cookies are httpOnly and
 * SameSite=Lax always, and Secure whenever the service is served over https (BASE_URL).
 */
export function setUpWebSession(config: Config, pool: pg.Pool, logger: Logger) {
  const PgStore = connectPgSimple(session)
  const store = new PgStore({
    pool,
    tableName: 'http_sessions',
    createTableIfMissing: false,
    pruneSessionInterval: 60 * 15,
    // The store prunes expired sessions on a timer of its own. Once the pool has been closed (the
    // process or a test's app is stopping) a prune has nothing left to do: only other failures are news.
    errorLog: (message: string, error: unknown) => {
      if ((pool as pg.Pool & { ending?: boolean }).ending) return
      logger.warn({ err: error }, message)
    },
  })
  return session({
    name: 'fh.sid',
    store,
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.baseUrl.startsWith('https://'),
      maxAge: 1000 * 60 * 60 * 4,
    },
  })
}
