// `playgate tenants list`: every tenant, oldest first.
import { loadCliConfig, parseArgs, positionals } from '../args.ts'
import { EXIT, formatTime, printJson, printTable, type CliIo, type Command } from '../output.ts'
import { allPages, withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'tenants list'

export const tenantsListCommand: Command = {
  help: helpText(NAME, '', {}, 'Lists every tenant: id, name, status and creation time.'),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {}, NAME)
    positionals(parsed, [], NAME)
    const config = loadCliConfig(io, parsed)
    return withRuntime(io, config, async ({ services }) => {
      const tenants = await allPages((page, size) => services.tenants.list(page, size))
      if (parsed.options.json)
        printJson(
          io,
          tenants.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })),
        )
      else
        printTable(
          io,
          [{ title: 'id' }, { title: 'name' }, { title: 'status' }, { title: 'created' }],
          tenants.map((t) => [t.id, t.name, t.status, formatTime(t.createdAt)]),
        )
      return EXIT.ok
    })
  },
}
