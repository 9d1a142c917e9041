import { expect } from 'chai'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fromRoot } from '../../src/project-root.js'
import { freePort } from '../support/free-port.js'

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

describe('graceful shutdown', function () {
  this.timeout(90_000)

  it('stops on SIGTERM: stops listening, closes the job worker and the database, and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fh-shutdown-'))
    const port = await freePort()
    // Its own embedded database (or the server's, if the suite runs on one): no demo data needed.
    const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'main.ts')], {
      cwd: fromRoot(),
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exit = exited(child)
    try {
      let ready = false
      for (let i = 0; i < 120 && !ready; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
        if (!ready) await new Promise((r) => setTimeout(r, 500))
      }
      expect(ready, 'app became ready').to.equal(true)
      expect(await fetch(`http://127.0.0.1:${port}/`).then((r) => r.status)).to.equal(200)
      child.kill('SIGTERM')
      expect(await exit).to.equal(0)
      const afterwards = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => 'answered',
        () => 'refused',
      )
      expect(afterwards).to.equal('refused')
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
