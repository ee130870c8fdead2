// A server in a process of its own (`playgate serve` as a user starts it, a PlayGate replica of
// bench/_replica.ts, or the bare node:http floor of bench/_bare-http.ts), for benches that measure
// it apart from the load generator (its CPU and RSS) or run several replicas.
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

const START_TIMEOUT_MS = 60_000

export interface Replica {
  readonly url: string
  readonly pid: number
  stop(): Promise<void>
}

/**
 * Starts `script` (a replica by default) through tsx with `env` over this process's environment;
 * resolves once it listens and has sent its URL.
 */
export function startReplica(
  env: Record<string, string>,
  script = new URL('./_replica.ts', import.meta.url),
): Promise<Replica> {
  const child: ChildProcess = fork(script, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.send('stop')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script.pathname} did not start in time`))
    }, START_TIMEOUT_MS)
    child.once('message', (message: { url: string }) => {
      clearTimeout(timer)
      resolve({ url: message.url, pid: child.pid!, stop })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script.pathname} exited with ${code} before it listened`))
    })
  })
}

/** The environment without PLAYGATE_* (the bench's own settings, which `serve` would refuse). */
function withoutPlayGateSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('PLAYGATE_')))
}

/** A free loopback port (bound, read and released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Starts PlayGate exactly as a user does, `node bin/playgate.js serve` (the compiled dist/, no tsx
 * and no bench code in the process), on a free port, its PlayGate settings from `env` alone (over
 * this process's environment without its PLAYGATE_* variables); resolves once /healthz answers.
 * `nodeOptions`: node or V8 flags for that process.
 */
export async function startServe(
  env: Record<string, string>,
  nodeOptions: readonly string[] = [],
): Promise<Replica> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const bin = new URL('../bin/playgate.js', import.meta.url).pathname
  const child = spawn(process.execPath, [...nodeOptions, bin, 'serve'], {
    env: { ...withoutPlayGateSettings(process.env), ...env, PLAYGATE_HTTP_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    if (child.exitCode !== null) throw new Error(`playgate serve exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, pid: child.pid!, stop }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error('playgate serve did not start in time')
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
