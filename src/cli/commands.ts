// The command table: every `playgate` command by name (two-word names are a noun and a verb),
// in the order `playgate help` lists them.
import { accessKeysCreateCommand } from './commands/access-keys.ts'
import { adminTokenCreateCommand } from './commands/admin-token.ts'
import { importCommand } from './commands/import.ts'
import { masterKeyRotateCommand } from './commands/master-key.ts'
import { migrateCommand } from './commands/migrate.ts'
import { rotateKeyCommand } from './commands/rotate-key.ts'
import { serveCommand } from './commands/serve.ts'
import { signUrlCommand } from './commands/sign-url.ts'
import { tenantsListCommand } from './commands/tenants.ts'
import { verifyUrlCommand } from './commands/verify-url.ts'
import { videosListCommand } from './commands/videos.ts'
import { COMMON_OPTIONS, parseArgs } from './args.ts'
import { EXIT, formatTable, UsageError, writeLine, type CliIo, type Command } from './output.ts'

const helpCommand: Command = {
  summary: 'list the commands, or show one command’s options',
  help: 'usage: playgate help [COMMAND]',
  run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {}, 'help')
    const name = parsed.positionals.join(' ')
    if (name === '') {
      writeLine(io.stdout, overview())
      return Promise.resolve(EXIT.ok)
    }
    const command = COMMANDS[name]
    if (!command) throw new UsageError(`unknown command "${name}"`)
    writeLine(io.stdout, command.help)
    return Promise.resolve(EXIT.ok)
  },
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  import: importCommand,
  'tenants list': tenantsListCommand,
  'videos list': videosListCommand,
  'access-keys create': accessKeysCreateCommand,
  'admin-token create': adminTokenCreateCommand,
  'rotate-key': rotateKeyCommand,
  'master-key rotate': masterKeyRotateCommand,
  'sign-url': signUrlCommand,
  'verify-url': verifyUrlCommand,
  help: helpCommand,
}

/** `playgate help`: every command with its summary. */
export function overview(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => [name, c.summary])
  const table = formatTable([{ title: '' }, { title: '' }], rows)
    .split('\n')
    .slice(1)
  return [
    'usage: playgate COMMAND [options]',
    '',
    'commands:',
    ...table.map((line) => `  ${line}`),
    '',
    `Every command takes ${Object.keys(COMMON_OPTIONS)
      .map((o) => `--${o}`)
      .join(', ')} and any setting of docs/config.md as a flag.`,
    'Run "playgate help COMMAND" for a command’s options.',
  ].join('\n')
}

/** The command an argv names, and the arguments left for it. */
export function findCommand(
  argv: readonly string[],
): { name: string; command: Command; args: readonly string[] } | undefined {
  const [first, second] = argv
  if (first === undefined) return undefined
  const two = second === undefined ? undefined : `${first} ${second}`
  if (two !== undefined && COMMANDS[two])
    return { name: two, command: COMMANDS[two], args: argv.slice(2) }
  if (COMMANDS[first]) return { name: first, command: COMMANDS[first], args: argv.slice(1) }
  return undefined
}
