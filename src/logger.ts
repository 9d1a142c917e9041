import { pino } from 'pino'
import PinoPretty from 'pino-pretty'

export type Logger = pino.Logger

export interface LoggerOptions {
  /** Human-readable lines (pino-pretty) instead of JSON. Never in production: see prettyLogs. */
  pretty?: boolean
}

/**
 * Structured JSON logs. Personal data stays out: request logs carry method, path and status only
 * (no query strings, bodies, cookies or headers), and the paths below are redacted wherever they
 * appear in a logged object.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings: pino.LoggerOptions = {
    level,
    redact: {
      paths: [
        'email',
        'phone',
        'password',
        'token',
        '*.email',
        '*.phone',
        '*.password',
        '*.token',
        'req.headers',
        'authToken',
        '*.authToken',
      ],
      censor: '[redacted]',
    },
  }
  if (!options.pretty) return pino(settings)
  // One short line per event: the request line already says method, path, status and time, so
  // the objects behind it (req, res) are left out; other objects (errors) still print below.
  const stream = PinoPretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req,res,responseTime,reqId' })
  return pino(settings, stream)
}

/**
 * Pretty logs for a developer at a terminal (or LOG_FORMAT=pretty); JSON when the output goes to a
 * file or a log collector (or LOG_FORMAT=json), and always JSON in production.
 */
export function prettyLogs(
  config: { isProduction: boolean; logFormat: 'json' | 'pretty' | undefined },
  stdoutIsTerminal: boolean,
): boolean {
  if (config.isProduction) return false
  return config.logFormat ? config.logFormat === 'pretty' : stdoutIsTerminal
}
