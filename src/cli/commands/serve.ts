// `playgate serve` (and `npm start`): the server until SIGINT or SIGTERM (or, under npm, until
// the npm process that started it is gone), then a graceful drain within shutdown.graceSeconds,
// one JSON log line and exit 0; a second signal exits at once.
import { constants } from 'node:os'
import { startServer, type RunningServer } from '../../main.ts'
import { tuneHeapForServing } from '../../platform/node/heap-tuning.ts'
import { loadCliConfig, parseArgs, positionals } from '../args.ts'
import { EXIT, type CliIo, type Command } from '../output.ts'
import { announce } from './serve-banner.ts'
import { helpText } from './help-text.ts'

const NAME = 'serve'

/** How often a server started by npm checks that npm is still there. */
const PARENT_CHECK_MS = 500

export const serveCommand: Command = {
  help: helpText(
    NAME,
    '',
    {},
    'Same as `npm start`: migrates, listens on http.host:http.port, creates the admin token\n' +
      '(in <data.dir>/admin-token) and the demo on first start. On SIGINT or SIGTERM it stops\n' +
      'accepting, lets requests and downloads finish for up to shutdown.graceSeconds, then\n' +
      'exits 0; a second signal exits at once (128 + the signal number).',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {}, NAME)
    positionals(parsed, [], NAME)
    const config = loadCliConfig(io, parsed)
    // Listening before start-up means a signal during migrations stops the server once it is up.
    const stops = io.untilStopped ? undefined : processStops(io)
    tuneHeapForServing(io.env.NODE_OPTIONS)
    try {
      const server = await startServer(config, {
        overrides: io.overrides,
        logStream: io.logStream,
      })
      announce(io, server)
      const signal = io.untilStopped ? await io.untilStopped(server.url) : await stops!.next()
      return await drain(server, signal, config.shutdown.graceSeconds, stops, io)
    } finally {
      stops?.dispose()
    }
  },
}

async function drain(
  server: RunningServer,
  signal: string,
  graceSeconds: number,
  stops: StopSource | undefined,
  io: CliIo,
): Promise<number> {
  const started = performance.now()
  const inFlight = server.inFlight()
  let cut = 0
  const timer = setTimeout(() => {
    cut = server.inFlight()
    server.cutConnections()
  }, graceSeconds * 1000)
  const closed = server.close().then(() => undefined)
  const second = stops ? stops.next() : new Promise<string>(() => {})
  const interrupted = await Promise.race([closed, second])
  clearTimeout(timer)
  if (interrupted !== undefined) {
    const code = 128 + (constants.signals[interrupted as NodeJS.Signals] ?? 0)
    server.log.warn(
      { event: 'shutdown', signal: interrupted, inFlight: server.inFlight(), exitCode: code },
      'PlayGate stopped at once on a second signal; in-flight requests were cut',
    )
    io.exit?.(code)
    return code
  }
  server.log.info(
    {
      event: 'shutdown',
      signal,
      inFlightAtSignal: inFlight,
      cutAfterGrace: cut,
      graceSeconds,
      durationMs: Math.round(performance.now() - started),
    },
    'PlayGate stopped',
  )
  return EXIT.ok
}

interface StopSource {
  /** The next stop request: a signal name, or `parent exited`. */
  next(): Promise<string>
  dispose(): void
}

/** SIGINT and SIGTERM as a queue; under npm, the npm process going away counts as one too. */
function processStops(io: CliIo): StopSource {
  const queued: string[] = []
  const waiting: ((reason: string) => void)[] = []
  const push = (reason: string) => {
    const waiter = waiting.shift()
    if (waiter) waiter(reason)
    else queued.push(reason)
  }
  process.on('SIGINT', push)
  process.on('SIGTERM', push)
  // `npx playgate serve` runs us under `sh -c`; npm passes SIGTERM to the shell, which dies
  // without passing it on, and we are left orphaned. `npm start` execs us, so npm is the parent.
  let watch: NodeJS.Timeout | undefined
  if (io.env.npm_lifecycle_event !== undefined) {
    const parent = process.ppid
    watch = setInterval(() => {
      if (process.ppid === parent) return
      clearInterval(watch)
      push('parent exited')
    }, PARENT_CHECK_MS)
    watch.unref()
  }
  return {
    next: () => {
      const reason = queued.shift()
      return reason !== undefined
        ? Promise.resolve(reason)
        : new Promise((resolve) => waiting.push(resolve))
    },
    dispose() {
      process.off('SIGINT', push)
      process.off('SIGTERM', push)
      clearInterval(watch)
    },
  }
}
