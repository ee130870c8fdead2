// `playgate rotate-key DOMAIN`: a new primary key for a play domain (given, or generated and shown
// once); the old primary becomes the backup, so URLs signed before keep verifying.
import { AppError, notFound } from '../../core/errors.ts'
import { loadCliConfig, parseArgs, positionals, stringOption } from '../args.ts'
import { EXIT, printJson, printTable, writeLine, type CliIo, type Command } from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'rotate-key'

const OPTIONS = {
  'primary-key': {
    type: 'string',
    value: 'KEY',
    help: 'the new primary key (default: 32 random characters, printed once)',
  },
} as const

export const rotateKeyCommand: Command = {
  help: helpText(
    NAME,
    'DOMAIN',
    OPTIONS,
    'DOMAIN is the play domain host (media.example.com) or its id (pd_…). The previous primary\n' +
      'key becomes the backup and keeps verifying; the previous backup is dropped.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    const [target] = positionals(parsed, ['DOMAIN'], NAME) as [string]
    const given = stringOption(parsed, 'primary-key', NAME, true)
    if (given !== undefined && given.length < 6)
      throw new AppError('INVALID_PARAMETER', '--primary-key must be at least 6 characters')
    const config = loadCliConfig(io, parsed)

    return withRuntime(io, config, async ({ services }) => {
      const domains = services.playDomains
      const current = /^pd_/.test(target)
        ? await domains.getWithKeys(target)
        : await domains.resolveHost(target)
      if (!current) throw notFound('playDomain', target)
      const rotated = await domains.rotate(current.id, given)
      const generated = given === undefined ? rotated.keys.primary.secret : undefined
      if (parsed.options.json) {
        printJson(io, {
          id: rotated.id,
          host: rotated.host,
          primaryKeyId: rotated.keys.primary.id,
          backupKeyId: rotated.keys.backup?.id ?? null,
          rotatedAt: rotated.keys.rotatedAt?.toISOString() ?? null,
          ...(generated === undefined ? {} : { primaryKey: generated }),
        })
        return EXIT.ok
      }
      writeLine(io.stdout, `rotated ${rotated.host} (${rotated.id})`)
      printTable(
        io,
        [{ title: 'key' }, { title: 'id' }, { title: 'note' }],
        [
          ['primary', rotated.keys.primary.id, 'new; signs from now on'],
          ['backup', rotated.keys.backup?.id ?? '-', 'the previous primary; still verifies'],
        ],
      )
      if (generated !== undefined) {
        writeLine(io.stdout, `new primary key: ${generated}`)
        writeLine(
          io.stderr,
          'Give the new primary key to the CDN or nginx that verifies this domain.',
        )
      }
      return EXIT.ok
    })
  },
}
