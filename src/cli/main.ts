// The `playgate` command: a second composition root beside src/main.ts. main(argv, io) runs one
// command in-process (tests call it with captured output); runFromProcess wires it to the real
// process, the only place here that reads the environment.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { findCommand, overview, unknownCommand } from './commands.ts'
import { packageInfo } from '../platform/node/package-info.ts'
import { EXIT, reportError, writeLine, type CliIo } from './output.ts'

export type { CliIo } from './output.ts'

/** Runs one command line and returns the exit code: 0 done, 1 failed, 2 usage error. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first] = argv
  if (first === undefined || first === '--help' || first === '-h') {
    writeLine(first === undefined ? io.stderr : io.stdout, overview())
    return first === undefined ? EXIT.usage : EXIT.ok
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    writeLine(io.stdout, `playgate ${packageInfo().version}`)
    return EXIT.ok
  }
  const found = findCommand(argv)
  try {
    if (!found) throw unknownCommand(argv)
    const command = await found.entry.load()
    if (found.args.includes('--help') || found.args.includes('-h')) {
      writeLine(io.stdout, command.help)
      return EXIT.ok
    }
    return await command.run(found.args, io)
  } catch (error) {
    return reportError(io, error)
  }
}

/** Runs a command line (this process's by default) and sets the process's exit code. */
export async function runFromProcess(argv = process.argv.slice(2)): Promise<void> {
  const code = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readFile: (path) => readFileSync(path, 'utf8'),
    exit: (code) => process.exit(code),
  })
  process.exitCode = code
  // A client library's timer must not keep a finished command alive; output drains first.
  setTimeout(() => process.exit(code), 1000).unref()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void runFromProcess()
