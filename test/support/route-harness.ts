import { tmpdir } from 'node:os'
import type { Express } from 'express'
import { createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/logger.js'
import type { Services } from '../../src/services/index.js'
import { fakeSessionPool } from './fake-session-pool.js'

/** Services a route test gives: only the methods the route calls, e.g. `{ catalogue: { course: async () => undefined } }`. */
export type FakeServices = { [K in keyof Services]?: Partial<Record<keyof Services[K], unknown>> }

/**
 * Stands in for anything a test did not give. Reading it is fine (journeys pick services apart
 * when they are mounted); calling it fails and names what was called, so a route that reaches a
 * service the test did not expect answers 500 and the test says why.
 */
function notGiven(path: string): unknown {
  return new Proxy(function notFaked() {}, {
    get: (_target, key) => (key === 'then' ? undefined : notGiven(`${path}.${String(key)}`)),
    apply: () => {
      throw new Error(`${path}() is not faked in this route test`)
    },
  })
}

function withGaps(given: Record<string, unknown>, path: string): Record<string, unknown> {
  return new Proxy(given, {
    get: (target, key) => (key in target || typeof key === 'symbol' ? target[key as string] : notGiven(`${path}.${String(key)}`)),
  })
}

/**
 * The real Express app (createApp: middleware, views, routes, error handler) on fake services
 * and no database: for a controller's edge cases (a 404 for an unknown id, a 400 re-render) in
 * milliseconds. Sessions live in memory (fakeSessionPool) so CSRF works as in a browser.
 */
export function routeTestApp(fakes: FakeServices = {}, env: Record<string, string> = {}): Express {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: tmpdir(), LOG_LEVEL: 'silent', ...env })
  const given: Record<string, unknown> = { config, logger: createLogger('silent') }
  for (const [name, service] of Object.entries(fakes)) given[name] = withGaps(service as Record<string, unknown>, `services.${name}`)
  const services = withGaps(given, 'services') as unknown as Services
  return createApp({ services, pool: fakeSessionPool() })
}
