import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppProcess } from '../support/app-process.js'
import { freePort } from '../support/free-port.js'

describe('graceful shutdown', function () {
  this.timeout(90_000)

  it('stops on SIGTERM: stops listening, closes the job worker and the database, and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fh-shutdown-'))
    const port = await freePort()
    // Its own embedded database: no demo data needed.
    const app = new AppProcess({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    })
    try {
      expect(await app.ready(port, 120), `app became ready; its output:\n${app.output}`).to.equal(true)
      expect(await fetch(`http://127.0.0.1:${port}/`).then((r) => r.status)).to.equal(200)
      const { code, output } = await app.terminate()
      expect(code, `exit code after SIGTERM; the app's output:\n${output}`).to.equal(0)
      const afterwards = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => 'answered',
        () => 'refused',
      )
      expect(afterwards).to.equal('refused')
    } finally {
      app.kill()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
