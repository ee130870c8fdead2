// A real nginx for tests and benchmarks: a temp prefix with its own config, pid and temp paths,
// 127.0.0.1 on a free port, no daemon; stopped by its own pid. Needs Debian's nginx(-light).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const CANDIDATES = ['/usr/sbin/nginx', 'nginx']

/** The nginx binary, or undefined when none is installed. */
export function findNginx(): string | undefined {
  return CANDIDATES.find((bin) => spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0)
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        reject(new Error(`nginx exited with ${child.exitCode}: ${stderr()}`))
        return
      }
      const socket = createConnection({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve()
      })
      socket.once('error', () => {
        socket.destroy()
        if (Date.now() > deadline) reject(new Error(`nginx did not listen: ${stderr()}`))
        else setTimeout(attempt, 50)
      })
    }
    attempt()
  })
}

export interface RunningNginx {
  readonly port: number
  readonly base: string
  /** The master process (its worker is its only child). */
  readonly pid: number | undefined
  stop(): Promise<void>
}

/**
 * Starts nginx with `serverBlocks` inside `http {}`; `listen` directives must use `port`. Under
 * root the workers keep root's user, so they can read a test's 0700 temp directories.
 */
export async function startNginx(
  bin: string,
  port: number,
  serverBlocks: string,
): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'playgate-nginx-'))
  const user = process.getuid?.() === 0 ? 'user root;' : ''
  const config = `
${user}
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log stderr error;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  types {
    video/mp4 mp4;
    video/mp2t ts;
    application/vnd.apple.mpegurl m3u8;
  }
  default_type application/octet-stream;
${serverBlocks}
}
`
  const file = join(prefix, 'nginx.conf')
  writeFileSync(file, config)
  let output = ''
  const child = spawn(bin, ['-p', prefix, '-c', file], { stdio: ['ignore', 'ignore', 'pipe'] })
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    await waitForPort(port, child, () => output)
  } catch (error) {
    child.kill('SIGKILL')
    rmSync(prefix, { recursive: true, force: true })
    throw error
  }
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(prefix, { recursive: true, force: true })
    },
  }
}

/** A shipped docs/nginx server block with its placeholders replaced. */
export function fillTemplate(text: string, values: Record<string, string>): string {
  let out = text
  for (const [placeholder, value] of Object.entries(values)) {
    if (!out.includes(placeholder)) throw new Error(`template has no ${placeholder}`)
    out = out.split(placeholder).join(value)
  }
  return out
}
