// Real processes for the resilience suite: PlayGate servers (killed with SIGKILL when a test says
// so), a private Redis and a private PostgreSQL cluster on free ports, each in its own temp dir.
// Never the shared servers on 5432/6379: other people's tests run on them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { connect, createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestContext } from 'node:test'
import pg from 'pg'

type Cleanup = Pick<TestContext, 'after'>

const REPO = resolve(import.meta.dirname, '../..')
export const ADMIN_TOKEN = 'pgadm_resilience_Xq7RvT2mKp9LwZ4nB8sYd3hJ'
export const MASTER_KEY = 'e33fd048e6b3cec452267b232c8f89afbb2305c18ad2911c81f2a93080d41375'
/** Generous: a server starts in a second alone, much later on a loaded 2-core machine. */
const START_TIMEOUT_MS = 90_000

export function tempDir(t: Cleanup, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise((done) => server.close(done))
  return port
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Polls `probe` every 100 ms until it is true; throws after `timeoutMs` naming `what`. */
export async function until(
  what: string,
  probe: () => Promise<boolean> | boolean,
  timeoutMs = START_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await Promise.resolve(probe()).catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await pause(100)
  }
}

export interface Server {
  readonly base: string
  readonly child: ChildProcess
  /** Everything the server wrote to stdout and stderr. */
  readonly output: () => string
  /** SIGKILL, then waits for the exit. */
  kill9(): Promise<void>
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => child.once('exit', () => done()))
}

/** Starts `playgate serve` (dist/, or src/ when newer) with `env` and waits until /healthz answers. */
export async function startServer(t: Cleanup, env: Record<string, string>): Promise<Server> {
  const port = await freePort()
  const child = spawn(process.execPath, [join(REPO, 'bin/playgate.js'), 'serve'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      PLAYGATE_HTTP_PORT: String(port),
      PLAYGATE_SECRETS_MASTER_KEY: MASTER_KEY,
      PLAYGATE_ADMIN_TOKEN: ADMIN_TOKEN,
      PLAYGATE_DEMO_ENABLED: 'false',
      PLAYGATE_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  t.after(async () => {
    child.kill('SIGKILL')
    await exited(child)
  })
  const base = `http://127.0.0.1:${port}`
  await until('PlayGate to answer /healthz', async () => {
    if (child.exitCode !== null) throw new Error(`PlayGate exited:\n${output}`)
    return (await fetch(`${base}/healthz`)).ok
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n${output}`)
  })
  return {
    base,
    child,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL')
      await exited(child)
    },
    async stop() {
      child.kill('SIGTERM')
      await exited(child)
    },
  }
}

export interface PrivateRedis {
  readonly url: string
  start(): Promise<void>
  /** SIGKILL: Redis gone without a goodbye, as when its host dies. */
  kill(): Promise<void>
}

/** A redis-server on a free port that keeps nothing on disk; restartable on the same port. */
export async function privateRedis(t: Cleanup): Promise<PrivateRedis> {
  const port = await freePort()
  const dir = tempDir(t, 'playgate-redis-')
  let child: ChildProcess | undefined
  const stopNow = async () => {
    if (!child) return
    child.kill('SIGKILL')
    await exited(child)
    child = undefined
  }
  t.after(stopNow)
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { cwd: dir, stdio: 'ignore' },
      )
      await until('redis-server to accept connections', () => canConnect(port))
    },
    kill: stopNow,
  }
  await redis.start()
  return redis
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      done(true)
    })
    socket.once('error', () => done(false))
  })
}

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  readonly url: string
  start(): Promise<void>
  /** pg_ctl stop -m immediate: every connection cut, as in a crash; restart recovers. */
  stop(): Promise<void>
}

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0]
  return version ? join(root, version, 'bin') : undefined
}

/** True when a private PostgreSQL cluster can be made here (binaries, and a user to run it). */
export function canRunPostgres(): boolean {
  return postgresBin() !== undefined
}

/** PostgreSQL refuses to run as root: run its tools as the postgres user then. */
function runPg(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0
  const [command, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, args[0]!), ...args.slice(1)]]
    : [join(bin, args[0]!), args.slice(1)]
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: START_TIMEOUT_MS })
  if (result.status !== 0)
    throw new Error(`${args[0]} failed (${result.status}): ${result.stderr}${result.stdout}`)
}

/** A private PostgreSQL cluster (initdb in a temp dir, trust auth, no fsync) on a free port. */
export async function privatePostgres(t: Cleanup): Promise<PrivatePostgres> {
  const bin = postgresBin()
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql')
  const port = await freePort()
  // Removed by the after hook below once the cluster is stopped (hooks run in order).
  const dir = mkdtempSync(join(tmpdir(), 'playgate-pg-'))
  if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:postgres', dir])
  chmodSync(dir, 0o700)
  const data = join(dir, 'data')
  runPg(bin, ['initdb', '-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'])
  const pgctl = (...args: string[]) => runPg(bin, ['pg_ctl', '-D', data, ...args])
  let running = false
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`
  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      pgctl('-o', options, '-l', join(dir, 'log'), '-w', '-t', '90', 'start')
      running = true
      return Promise.resolve()
    },
    stop() {
      if (running) pgctl('-m', 'immediate', '-w', 'stop')
      running = false
      return Promise.resolve()
    },
  }
  t.after(async () => {
    await pg.stop()
    rmSync(dir, { recursive: true, force: true })
  })
  await pg.start()
  return pg
}

/** A database of its own on the PostgreSQL at `url` (the shared one is fine), dropped afterwards. */
export async function freshDatabase(t: Cleanup, url: string): Promise<string> {
  const name = `playgate_resilience_${randomBytes(6).toString('hex')}`
  const client = new pg.Client(url)
  await client.connect()
  await client.query(`create database ${name}`)
  t.after(async () => {
    await client.query(`drop database if exists ${name} with (force)`)
    await client.end()
  })
  const target = new URL(url)
  target.pathname = `/${name}`
  return target.toString()
}
