// A server in a process of its own (a PlayGate replica, bench/_replica.ts, or the bare node:http
// floor, bench/_bare-http.ts), for benches that measure it apart from the load generator (its CPU
// and RSS) or run several replicas.
import { fork, type ChildProcess } from 'node:child_process'

const START_TIMEOUT_MS = 60_000

export interface Replica {
  readonly url: string
  readonly pid: number
  stop(): Promise<void>
}

/** Loads PlayGate from the compiled dist/ instead of src/ (see _compiled.ts). */
const COMPILED = ['--import', new URL('./_compiled.ts', import.meta.url).href]

/**
 * Starts `script` (a replica by default) with `env` over this process's environment; resolves
 * once it listens and has sent its URL. `compiled`: PlayGate's modules from dist/, as `npm start`
 * runs them (build it first).
 */
export function startReplica(
  env: Record<string, string>,
  script = new URL('./_replica.ts', import.meta.url),
  options: { readonly compiled?: boolean } = {},
): Promise<Replica> {
  const child: ChildProcess = fork(script, {
    execArgv: ['--import', 'tsx', ...(options.compiled ? COMPILED : [])],
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
