import { expect } from 'chai'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fromRoot } from '../../src/project-root.js'
import { freePort } from '../support/free-port.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A GET whose client gives up (closes its connection) when `abandon` is called. */
function abandonableGet(port: number, path: string) {
  const req = httpRequest({ host: '127.0.0.1', port, path, agent: false })
  req.on('error', () => undefined)
  req.on('response', (res) => res.resume())
  req.end()
  return () => req.destroy()
}

describe('graceful shutdown under load', function () {
  this.timeout(180_000)

  it('closes the database only after every request in flight has ended, even those whose clients gave up', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fh-shutdown-load-'))
    const port = await freePort()
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'main.ts'), '--web'], {
      cwd: fromRoot(),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_DEMO_DATA: 'true',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      let ready = false
      for (let i = 0; i < 240 && !ready; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
        if (!ready) await sleep(500)
      }
      expect(ready, 'app became ready').to.equal(true)
      // Pages that query the database, many at once; then stop the app and let every client give up.
      const abandon = Array.from({ length: 60 }, (_, i) => abandonableGet(port, i % 2 ? '/' : '/hubs'))
      await sleep(150)
      child.kill('SIGTERM')
      await sleep(20)
      abandon.forEach((giveUp) => giveUp())
      expect(await exit, output).to.equal(0)
      expect(output).not.to.match(/Cannot use a pool after calling end/)
      expect(output).not.to.match(/unhandled error/)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
