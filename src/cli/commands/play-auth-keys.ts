// `playgate play-auth-keys list|rotate|retire`: the server keys Aliyun PlayAuths are minted with.
// A rotated-in key signs once every replica has loaded it; retiring deletes keys no unexpired
// PlayAuth can still carry. Key material is never printed.
import type { PlayAuthKeyInfo } from '../../services/aliyun-play-auth-keys.ts'
import type { Services } from '../../services/container.ts'
import { loadCliConfig, parseArgs, positionals } from '../args.ts'
import {
  EXIT,
  formatTime,
  printJson,
  printTable,
  writeLine,
  type CliIo,
  type Command,
} from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

function printKeys(io: CliIo, json: boolean | undefined, keys: readonly PlayAuthKeyInfo[]): void {
  if (json)
    return printJson(
      io,
      keys.map((k) => ({ id: k.id, createdAt: k.createdAt.toISOString(), signing: k.signing })),
    )
  printTable(
    io,
    [{ title: 'id' }, { title: 'created' }, { title: 'role' }],
    keys.map((k) => [k.id, formatTime(k.createdAt), k.signing ? 'signs' : 'verifies']),
  )
}

/** One subcommand: no arguments, the runtime, then `act`. */
function keyCommand(
  verb: string,
  description: string,
  act: (services: Services, io: CliIo, json: boolean | undefined) => Promise<void>,
): Command {
  const name = `play-auth-keys ${verb}`
  return {
    help: helpText(name, '', {}, description),
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const parsed = parseArgs(args, {}, name)
      positionals(parsed, [], name)
      const config = loadCliConfig(io, parsed)
      return withRuntime(io, config, async ({ services }) => {
        await act(services, io, parsed.options.json === true)
        return EXIT.ok
      })
    },
  }
}

export const playAuthKeysListCommand = keyCommand(
  'list',
  'Lists the PlayAuth server keys, newest first: id, creation time, and whether it signs.',
  async (services, io, json) => printKeys(io, json, await services.playAuthKeys.list()),
)

export const playAuthKeysRotateCommand = keyCommand(
  'rotate',
  'Stores a new key. It verifies at once and signs once every replica has loaded it (60 s);\n' +
    'PlayAuths minted with older keys keep verifying until those keys are retired.',
  async (services, io, json) => {
    const key = await services.playAuthKeys.rotate()
    if (!json) writeLine(io.stderr, `stored PlayAuth server key ${key.id}`)
    printKeys(io, json, await services.playAuthKeys.list())
  },
)

export const playAuthKeysRetireCommand = keyCommand(
  'retire',
  'Deletes keys that stopped signing longer ago than the longest PlayAuth lives; the newest\n' +
    'key is always kept. Prints the ids retired.',
  async (services, io, json) => {
    const retired = await services.playAuthKeys.retireOld()
    if (json) return printJson(io, { retired })
    writeLine(io.stdout, retired.length > 0 ? `retired ${retired.join(', ')}` : 'nothing to retire')
  },
)
