import { pino } from 'pino'

export type Logger = pino.Logger

/**
 * Structured JSON logs. Personal data stays out: request logs carry method, path and status only
 * (no query strings, bodies, cookies or headers), and the paths below are redacted wherever they
 * appear in a logged object.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['email', 'phone', 'password', 'token', '*.email', '*.phone', '*.password', '*.token', 'req.headers', 'authToken', '*.authToken'],
      censor: '[redacted]',
    },
  })
}
