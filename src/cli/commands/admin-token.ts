// `playgate admin-token create`: another admin API token, printed once and stored only as its
// SHA-256 (services/admin-auth.ts makes and verifies it).
import { loadCliConfig, parseArgs, positionals, stringOption } from '../args.ts'
import { EXIT, printJson, writeLine, type CliIo, type Command } from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'admin-token create'

const OPTIONS = {
  name: { type: 'string', value: 'NAME', help: 'a label for the token (default "cli")' },
} as const

export const adminTokenCreateCommand: Command = {
  help: helpText(
    NAME,
    '',
    OPTIONS,
    'Creates a token for "Authorization: Bearer <token>" on the native API. Only its hash is kept.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    positionals(parsed, [], NAME)
    const name = stringOption(parsed, 'name', NAME, true) ?? 'cli'
    const config = loadCliConfig(io, parsed)
    return withRuntime(io, config, async ({ services }) => {
      const { id, token } = await services.adminAuth.create(name)
      if (parsed.options.json) printJson(io, { id, name, token })
      else writeLine(io.stdout, token)
      writeLine(io.stderr, `Admin token ${id} (${name}) is shown only now; store it safely.`)
      return EXIT.ok
    })
  },
}
