import session from 'express-session'
import connectPgSimple from 'connect-pg-simple'
import type pg from 'pg'
import type { Config } from '../config.js'

/**
 * Sessions in PostgreSQL (table http_sessions, made by the migrations). Cookies are httpOnly and
 * SameSite=Lax always, and Secure whenever the service is served over https (BASE_URL).
 */
export function setUpWebSession(config: Config, pool: pg.Pool) {
  const PgStore = connectPgSimple(session)
  return session({
    name: 'fh.sid',
    store: new PgStore({ pool, tableName: 'http_sessions', createTableIfMissing: false, pruneSessionInterval: 60 * 15 }),
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
