import { connect, type Socket } from 'node:net'

/**
 * A bare PostgreSQL protocol client, for tests that must send Parse, Bind, Execute and Sync as
 * separate steps (node-postgres always sends them together).
 */
export class RawPostgresConnection {
  private buffer = Buffer.alloc(0)
  private waiters: (() => void)[] = []

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  static async open(socketPath: string): Promise<RawPostgresConnection> {
    const socket = connect(socketPath)
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
    const connection = new RawPostgresConnection(socket)
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0')
    const startup = Buffer.alloc(8 + params.length)
    startup.writeInt32BE(startup.length, 0)
    startup.writeInt32BE(196608, 4)
    params.copy(startup, 8)
    socket.write(startup)
    await connection.readUntilReady()
    return connection
  }

  private message(type: string, body: Buffer): Buffer {
    const header = Buffer.alloc(5)
    header.write(type, 0)
    header.writeInt32BE(body.length + 4, 1)
    return Buffer.concat([header, body])
  }

  parse(sql: string): void {
    this.socket.write(this.message('P', Buffer.concat([Buffer.from(`\0${sql}\0`), Buffer.from([0, 0])])))
  }

  bindExecuteSync(values: string[]): void {
    const parts = [Buffer.from('\0\0'), Buffer.from([0, 0]), Buffer.alloc(2)]
    parts[2]!.writeInt16BE(values.length)
    for (const value of values) {
      const length = Buffer.alloc(4)
      length.writeInt32BE(Buffer.byteLength(value))
      parts.push(length, Buffer.from(value))
    }
    parts.push(Buffer.from([0, 0]))
    this.socket.write(
      Buffer.concat([
        this.message('B', Buffer.concat(parts)),
        this.message('E', Buffer.from([0, 0, 0, 0, 0])),
        this.message('S', Buffer.alloc(0)),
      ]),
    )
  }

  /** Reads to ReadyForQuery; returns the text of the first column of each data row, or the error. */
  async readUntilReady(): Promise<{ values: string[]; error?: string }> {
    const values: string[] = []
    let error: string | undefined
    for (;;) {
      while (this.buffer.length >= 5 && this.buffer.length >= 1 + this.buffer.readInt32BE(1)) {
        const type = String.fromCharCode(this.buffer[0]!)
        const length = this.buffer.readInt32BE(1)
        const body = this.buffer.subarray(5, 1 + length)
        this.buffer = this.buffer.subarray(1 + length)
        if (type === 'D') {
          const size = body.readInt32BE(2)
          values.push(body.subarray(6, 6 + size).toString())
        }
        if (type === 'E')
          error = body
            .toString()
            .split('\0')
            .find((field) => field.startsWith('M'))
            ?.slice(1)
        if (type === 'Z') return error === undefined ? { values } : { values, error }
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  close(): void {
    this.socket.end(this.message('X', Buffer.alloc(0)))
  }
}
