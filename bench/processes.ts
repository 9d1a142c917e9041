import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** Every child this benchmark starts; killed when the benchmark ends, however it ends. */
const children = new Set<ChildProcess>()

export function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  children.clear()
}
process.on('exit', killChildren)

/** A free loopback port (asked of the kernel, then released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export interface Child {
  process: ChildProcess
  pid: number
  /** Asks the child to stop (SIGTERM), waits up to `graceMs`, then kills it. */
  stop(graceMs?: number): Promise<void>
  /** The last lines it wrote, for an error message. */
  output(): string
}

/** Starts a child process with stdout and stderr kept (the last 4 KB) for when it fails. */
export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Child {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4096)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    process: child,
    pid: child.pid!,
    output: () => tail,
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
        await exited
        clearTimeout(timer)
      }
      children.delete(child)
    },
  }
}

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
export async function waitUntilReady(child: Child, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) throw new Error(`The process stopped before it was ready:\n${child.output()}`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (res.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`Not ready after ${timeoutMs / 1000} s: ${url}\n${child.output()}`)
}

/** A figure from /proc/<pid>/status in MB (VmRSS now, VmHWM the peak so far); undefined off Linux. */
export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

/** Samples a process's resident memory every 250 ms; stop() returns the highest sample in MB. */
export function sampleRss(pid: number): { stop(): number | undefined } {
  let peak: number | undefined
  const sample = () => {
    const now = memoryMb(pid, 'VmRSS')
    if (now !== undefined) peak = Math.max(peak ?? 0, now)
  }
  sample()
  const timer = setInterval(sample, 250)
  return {
    stop() {
      clearInterval(timer)
      sample()
      return peak
    },
  }
}
