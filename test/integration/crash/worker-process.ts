import { spawn, type ChildProcess } from 'node:child_process'
import { projectRoot } from '../../../src/project-root.js'

/** A log line of the worker (pino JSON). */
export interface WorkerLogLine {
  msg?: string
  pid?: number
  outcome?: string
  channel?: string
  [key: string]: unknown
}

/**
 * The real worker, `node --import tsx src/main.ts --worker`, as a child process: the same code and
 * start-up as `npm run start:worker`. Its JSON log lines are kept, so a test can wait for it to
 * start and count what it sent.
 */
export class WorkerProcess {
  readonly lines: WorkerLogLine[] = []
  readonly errors: string[] = []
  private readonly child: ChildProcess
  private exited: Promise<number | null>
  private buffer = ''

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--worker'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.read(chunk))
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.errors.push(chunk))
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)))
  }

  get pid(): number {
    return this.child.pid!
  }

  /** Resolves once the worker logged "started" (migrations done, agenda running). */
  async started(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!this.lines.some((line) => line.msg === 'started')) {
      if (this.child.exitCode !== null) throw new Error(`The worker exited with ${this.child.exitCode}: ${this.errors.join('')}`)
      if (Date.now() > deadline) throw new Error(`The worker did not start: ${this.errors.join('')}`)
      await sleep(50)
    }
  }

  /** Sends counted from its own log: "notification delivery" lines with outcome sent. */
  sentCount(): number {
    return this.lines.filter((line) => line.msg === 'notification delivery' && line.outcome === 'sent').length
  }

  /** No clean-up at all: the process dies where it stands, mid-send. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL')
    await this.exited
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    this.child.kill('SIGTERM')
    await this.exited
  }

  private read(chunk: string): void {
    this.buffer += chunk
    let newline: number
    while ((newline = this.buffer.indexOf('\n')) !== -1) {
      const text = this.buffer.slice(0, newline)
      this.buffer = this.buffer.slice(newline + 1)
      try {
        this.lines.push(JSON.parse(text) as WorkerLogLine)
      } catch {
        // Not a log line (the start-up banner).
      }
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
