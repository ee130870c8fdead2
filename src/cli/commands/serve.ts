// `playgate serve`: the server (src/main.ts startServer) until SIGINT or SIGTERM, then a graceful
// close within shutdown.graceSeconds (exit 1 if in-flight requests outlast it).
import { startServer } from '../../main.ts'
import { loadCliConfig, parseArgs, positionals } from '../args.ts'
import { EXIT, writeLine, type CliIo, type Command } from '../output.ts'
import { helpText } from './help-text.ts'

const NAME = 'serve'

export const serveCommand: Command = {
  summary: 'start the server: native API, vendor dialects and media edge',
  help: helpText(
    NAME,
    '',
    {},
    'Same as `npm start`: migrates, creates the admin token and demo on first start, listens on\n' +
      'http.host:http.port, and shuts down gracefully on SIGINT or SIGTERM.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {}, NAME)
    positionals(parsed, [], NAME)
    const config = loadCliConfig(io, parsed)
    const server = await startServer(config, { notice: (text) => writeLine(io.stdout, text) })
    writeLine(io.stderr, `PlayGate is listening on ${server.url}`)
    const reason = await (io.untilStopped ?? untilSignal)(server.url)
    writeLine(io.stderr, `${reason}: shutting down`)
    let timer: NodeJS.Timeout | undefined
    const graceOver = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), config.shutdown.graceSeconds * 1000)
      timer.unref()
    })
    const closed = await Promise.race([server.close().then(() => true as const), graceOver])
    clearTimeout(timer)
    return closed ? EXIT.ok : EXIT.failed
  },
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve(signal)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
