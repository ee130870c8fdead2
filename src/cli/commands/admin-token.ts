// `playgate admin-token create`: another admin API token, printed once and stored only as its
// SHA-256 (the same rule services/admin-auth.ts verifies with).
import { toHex } from '../../core/encoding/bytes.ts'
import { newId } from '../../core/ids.ts'
import { randomString } from '../../services/secrets.ts'
import { insertAdminToken } from '../../storage/repositories/admin-tokens.ts'
import { loadCliConfig, parseArgs, positionals, stringOption } from '../args.ts'
import { EXIT, printJson, writeLine, type CliIo, type Command } from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'admin-token create'

const OPTIONS = {
  name: { type: 'string', value: 'NAME', help: 'a label for the token (default "cli")' },
} as const

export const adminTokenCreateCommand: Command = {
  summary: 'create an admin API token (printed once)',
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
      const { crypto, clock, db } = services.deps
      const token = 'pgadm_' + randomString(crypto, 40)
      const id = newId(crypto, 'adminToken')
      await insertAdminToken(db, {
        id,
        name,
        tokenHash: toHex(crypto.hash('sha256', token)),
        createdAt: new Date(clock.now()),
      })
      if (parsed.options.json) printJson(io, { id, name, token })
      else writeLine(io.stdout, token)
      writeLine(io.stderr, `Admin token ${id} (${name}) is shown only now; store it safely.`)
      return EXIT.ok
    })
  },
}
