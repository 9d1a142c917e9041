import { expect } from 'chai'
import express from 'express'
import { request, Agent } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../../src/config.js'
import { closeServer, listen } from '../../src/server.js'
import { testLogger } from '../support/test-database.js'

/** GET on a keep-alive agent; resolves with the status and the local port of the socket used. */
function get(agent: Agent, port: number, path: string) {
  return new Promise<{ status: number; localPort: number }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, localPort: req.socket!.localPort! }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the HTTP server', function () {
  this.timeout(30_000)

  it('keeps an idle connection open longer than a load balancer does (not Node’s 5 seconds)', async () => {
    const app = express().get('/', (_req, res) => void res.send('hello'))
    const config = loadConfig({})
    expect(config.http.keepAliveTimeoutMs).to.be.greaterThan(60_000)
    expect(config.http.headersTimeoutMs).to.be.greaterThan(config.http.keepAliveTimeoutMs)
    const server = await listen(app, 0, '127.0.0.1', config.http)
    const { port } = server.address() as AddressInfo
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    let connections = 0
    server.on('connection', () => connections++)
    try {
      const first = await get(agent, port, '/')
      // Longer than Node's default keepAliveTimeout: the same connection must still be open.
      await new Promise((resolve) => setTimeout(resolve, 5_500))
      const second = await get(agent, port, '/')
      expect([first.status, second.status]).to.deep.equal([200, 200])
      expect(second.localPort, 'the second request reused the first connection').to.equal(first.localPort)
      expect(connections).to.equal(1)
    } finally {
      agent.destroy()
      await closeServer(server, testLogger)
    }
  })

  it('refuses a headers timeout that is not longer than the keep-alive timeout', () => {
    expect(() => loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '70', HTTP_HEADERS_TIMEOUT_SECONDS: '66' })).to.throw(
      /HTTP_HEADERS_TIMEOUT_SECONDS/,
    )
  })

  it('on close, waits for a handler whose client has gone before it returns', async () => {
    let finishedWork = false
    let release!: () => void
    const working = new Promise<void>((resolve) => (release = resolve))
    const app = express().get('/slow', async (_req, res) => {
      await working // the database work a request does, still running after its client left
      finishedWork = true
      res.send('done')
    })
    const server = await listen(app, 0, '127.0.0.1', loadConfig({}).http)
    const { port } = server.address() as AddressInfo
    const arrived = new Promise((resolve) => server.once('request', resolve))
    const req = request({ host: '127.0.0.1', port, path: '/slow' })
    req.on('error', () => undefined)
    req.end()
    await arrived
    req.destroy() // the client gives up: its connection closes, the handler goes on
    let closed = false
    const closing = closeServer(server, testLogger).then(() => (closed = true))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(closed, 'closeServer returned while a handler was still running').to.equal(false)
    release()
    await closing
    expect(finishedWork).to.equal(true)
  })
})
