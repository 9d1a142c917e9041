import { spawn, type ChildProcess } from 'node:child_process'
import { fromRoot } from '../../src/project-root.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The real service, `node --import tsx src/main.ts [args]`, as a child process. Its stdout and
 * stderr are read from the start, so the child never blocks on a full pipe, and kept, so a test can
 * show them when the process does something unexpected (its exit code alone says nothing of why).
 */
export class AppProcess {
  readonly child: ChildProcess
  readonly exited: Promise<number | null>
  /** After exit and after both pipes have ended, so the output is whole. */
  private readonly closed: Promise<void>
  private text = ''

  constructor(env: Record<string, string>, args: string[] = []) {
    this.child = spawn(process.execPath, ['--import', 'tsx', fromRoot('src', 'main.ts'), ...args], {
      cwd: fromRoot(),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.text += chunk))
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.text += chunk))
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)))
    this.closed = new Promise((resolve) => this.child.once('close', () => resolve()))
  }

  /** Everything the process wrote so far, stdout and stderr in the order they arrived. */
  get output(): string {
    return this.text
  }

  /** Polls /healthz until it answers 200, or gives up after `tries` half-seconds. */
  async ready(port: number, tries = 240): Promise<boolean> {
    for (let i = 0; i < tries; i++) {
      if (this.child.exitCode !== null) return false
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) return true
      await sleep(500)
    }
    return false
  }

  /** Resolves once the process wrote `pattern` (a log line), or rejects if it exits first. */
  async waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!pattern.test(this.text)) {
      if (this.child.exitCode !== null) throw new Error(`exited with ${this.child.exitCode} before writing ${pattern}:\n${this.text}`)
      if (Date.now() > deadline) throw new Error(`did not write ${pattern}:\n${this.text}`)
      await sleep(50)
    }
  }

  /** SIGTERM, then the exit code, with everything the process wrote. */
  async terminate(): Promise<{ code: number | null; output: string }> {
    this.child.kill('SIGTERM')
    return this.finished()
  }

  /** The exit code once the process has exited, with everything it wrote. */
  async finished(): Promise<{ code: number | null; output: string }> {
    const code = await this.exited
    await this.closed
    return { code, output: this.text }
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
  }
}
