// `playgate master-key rotate`: re-seals every stored secret under the configured master key,
// opening each with it or secrets.previousMasterKey; runs while servers keep serving.
import { resealAll } from '../../storage/sealed.ts'
import { loadCliConfig, parseArgs } from '../args.ts'
import { EXIT, printJson, writeLine, type CliIo, type Command } from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'master-key rotate'

export const masterKeyRotateCommand: Command = {
  help: helpText(
    NAME,
    '',
    {},
    'Rotating the master key without stopping: (1) restart every server with the new key as\n' +
      'secrets.masterKey and the old one as secrets.previousMasterKey; (2) run this with the same\n' +
      'settings; (3) restart without secrets.previousMasterKey. See docs/security.md.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {}, NAME)
    const config = loadCliConfig(io, parsed)
    return withRuntime(io, config, async (runtime) => {
      const { resealed } = await resealAll(runtime.db, runtime.services.deps.box)
      if (parsed.options.json) printJson(io, { resealed })
      else
        writeLine(
          io.stdout,
          `re-sealed ${resealed} secrets under the master key; once every replica runs with it, ` +
            'remove secrets.previousMasterKey',
        )
      return EXIT.ok
    })
  },
}
