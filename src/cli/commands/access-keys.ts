// `playgate access-keys create --tenant ID --protocol P`: an API credential for one protocol
// family. The secret is printed this once; PlayGate keeps it sealed and never shows it again.
import { PROTOCOLS, type Protocol } from '../../core/model.ts'
import { loadCliConfig, parseArgs, positionals, stringOption } from '../args.ts'
import { EXIT, printJson, UsageError, writeLine, type CliIo, type Command } from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'access-keys create'

const OPTIONS = {
  tenant: { type: 'string', value: 'ID', help: 'the tenant the key belongs to (required)' },
  protocol: { type: 'string', value: 'P', help: `${PROTOCOLS.join(' | ')} (required)` },
  description: { type: 'string', value: 'TEXT', help: 'a note on what the key is for' },
} as const

export const accessKeysCreateCommand: Command = {
  help: helpText(
    NAME,
    '',
    OPTIONS,
    'Creates a key id and secret shaped like the vendor’s (LTAI… for Aliyun, AKID… for Tencent, …).',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    positionals(parsed, [], NAME)
    const tenantId = stringOption(parsed, 'tenant', NAME)
    const protocol = stringOption(parsed, 'protocol', NAME)
    if (!(PROTOCOLS as readonly string[]).includes(protocol))
      throw new UsageError(`--protocol must be one of: ${PROTOCOLS.join(', ')}`, NAME)
    const description = stringOption(parsed, 'description', NAME, true)
    const config = loadCliConfig(io, parsed)
    return withRuntime(io, config, async ({ services }) => {
      const { key, secret } = await services.accessKeys.issue({
        tenantId,
        protocol: protocol as Protocol,
        description,
      })
      if (parsed.options.json) {
        printJson(io, {
          id: key.id,
          tenantId: key.tenantId,
          protocol: key.protocol,
          keyId: key.keyId,
          secret,
          createdAt: key.createdAt.toISOString(),
        })
      } else {
        writeLine(
          io.stdout,
          `created ${key.protocol} access key ${key.id} for tenant ${key.tenantId}`,
        )
        writeLine(io.stdout, `key id: ${key.keyId}`)
        writeLine(io.stdout, `secret: ${secret}`)
      }
      writeLine(io.stderr, 'The secret is shown only now; store it safely.')
      return EXIT.ok
    })
  },
}
