import { expect } from 'chai'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fromRoot } from '../../src/project-root.js'

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))

/** The pid that answered /healthz, on a new connection each time (no keep-alive), so the cluster can spread them. */
const answeringPid = (url: string) =>
  new Promise<string>((resolve, reject) => {
    get(`${url}/healthz`, { agent: false }, (res) => {
      res.resume()
      resolve(String(res.headers['x-process-id']))
    }).on('error', reject)
  })

describe('WEB_CONCURRENCY', function () {
  this.timeout(300_000)

  it('with 2, serves requests from two web processes, and on SIGTERM stops them all and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fh-cluster-'))
    // The real entry point on any free port, web and worker as `npm start` runs them.
    const child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'main.ts')], {
      cwd: fromRoot(),
      env: {
        ...process.env,
        WEB_CONCURRENCY: '2',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED_DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exit = exited(child)
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    try {
      let url: string | undefined
      for (let i = 0; i < 500 && !url; i++) {
        url = /is running at (http:\/\/\S+)/.exec(output)?.[1]
        if (!url) await new Promise((r) => setTimeout(r, 500))
      }
      expect(url, `the URL was printed; output so far:\n${output}`).to.be.a('string')
      expect(url).not.to.match(/:0$/)
      expect(output).to.include('Starting 2 web processes…').and.include(`Emails and texts (dev outbox): ${url}/dev/outbox`)

      const pids = new Set<string>()
      for (let i = 0; i < 20; i++) pids.add(await answeringPid(url!))
      expect(pids.size).to.equal(2)
      expect(pids.has(String(child.pid)), 'the primary does not serve pages itself').to.equal(false)

      child.kill('SIGTERM')
      expect(await exit).to.equal(0)
      const stillRunning = [...pids].filter((pid) => {
        try {
          process.kill(Number(pid), 0)
          return true
        } catch {
          return false
        }
      })
      expect(stillRunning).to.deep.equal([])
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
