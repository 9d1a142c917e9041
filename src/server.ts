import type { Server, ServerResponse } from 'node:http'
import { once } from 'node:events'
import type { Express } from 'express'
import type { Config } from './config.js'
import type { Logger } from './logger.js'

/** Requests whose handler has not yet ended its response, per server. */
const inFlight = new WeakMap<Server, InFlightRequests>()

/**
 * Counts requests from arrival until the handler calls res.end(). A client that gives up closes
 * its connection, and the server may then count as closed, while the handler goes on querying the
 * database; the pool must stay open until it ends. So the count follows res.end, not the socket.
 */
class InFlightRequests {
  private count = 0
  private readonly waiters = new Set<() => void>()

  track(res: ServerResponse): void {
    this.count++
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
    let ended = false
    res.end = ((...args: unknown[]) => {
      if (!ended) {
        ended = true
        this.count--
        if (this.count === 0) for (const wake of this.waiters) wake()
      }
      return end(...args)
    }) as ServerResponse['end']
  }

  get size(): number {
    return this.count
  }

  drained(): Promise<void> {
    if (this.count === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake)
        resolve()
      }
      this.waiters.add(wake)
    })
  }
}

/** Listens, and on close stops taking requests and waits for those in flight. */
export function listen(app: Express, port: number, host: string, http: Config['http']): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)))
    // Node's defaults (5 s keep-alive) race clients and load balancers that reuse a connection.
    server.keepAliveTimeout = http.keepAliveTimeoutMs
    server.headersTimeout = http.headersTimeoutMs
    const requests = new InFlightRequests()
    inFlight.set(server, requests)
    server.prependListener('request', (_req, res: ServerResponse) => requests.track(res))
    server.on('error', reject)
  })
}

/**
 * Stops taking requests, then waits until every connection has closed and every handler has ended
 * its response (so the database pool can be closed after this), or until the grace period ends.
 */
export async function closeServer(server: Server, logger: Logger, graceMs = 10_000): Promise<void> {
  const requests = inFlight.get(server)
  const closed = once(server, 'close')
  server.close()
  server.closeIdleConnections()
  let timer: NodeJS.Timeout | undefined
  const graceOver = new Promise<'grace over'>((resolve) => {
    timer = setTimeout(() => resolve('grace over'), graceMs)
    timer.unref()
  })
  const drained = Promise.all([closed, requests?.drained()]).then(() => 'drained' as const)
  if ((await Promise.race([drained, graceOver])) === 'grace over') {
    logger.warn({ inFlight: requests?.size }, 'requests still open after grace period; closing connections')
    server.closeAllConnections()
  }
  clearTimeout(timer)
}
