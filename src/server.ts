import type { Server } from 'node:http'
import type { Express } from 'express'
import type { Logger } from './logger.js'

/** Listens, and on close stops taking requests and waits for those in flight. */
export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)))
    server.on('error', reject)
  })
}

export function closeServer(server: Server, logger: Logger, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      logger.warn('requests still open after grace period; closing connections')
      server.closeAllConnections()
    }, graceMs)
    force.unref()
    server.close(() => {
      clearTimeout(force)
      resolve()
    })
    server.closeIdleConnections()
  })
}
