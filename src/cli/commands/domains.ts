// `playgate domains list`: every play domain (optionally one tenant's), without its keys.
import { loadCliConfig, parseArgs, positionals, stringOption } from '../args.ts'
import { EXIT, formatTime, printJson, printTable, type CliIo, type Command } from '../output.ts'
import { allPages, withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'domains list'

const OPTIONS = {
  tenant: { type: 'string', value: 'ID', help: 'only this tenant’s domains' },
} as const

export const domainsListCommand: Command = {
  help: helpText(
    NAME,
    '',
    OPTIONS,
    'Lists play domains: id, tenant, host, signing scheme, URL TTL, whether signing is on and\nwhether it is the tenant’s default. Keys are never printed (see rotate-key).',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    positionals(parsed, [], NAME)
    const tenantId = stringOption(parsed, 'tenant', NAME, true)
    const config = loadCliConfig(io, parsed)
    return withRuntime(io, config, async ({ services }) => {
      const domains = await allPages((page, size) =>
        services.playDomains.list(tenantId ? { tenantId } : {}, page, size),
      )
      if (parsed.options.json)
        printJson(
          io,
          domains.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
        )
      else
        printTable(
          io,
          [
            { title: 'id' },
            { title: 'tenant' },
            { title: 'host' },
            { title: 'scheme' },
            { title: 'ttl', align: 'right' },
            { title: 'auth' },
            { title: 'default' },
            { title: 'created' },
          ],
          domains.map((d) => [
            d.id,
            d.tenantId,
            d.host,
            d.scheme,
            String(d.ttlSeconds),
            d.authEnabled ? 'on' : 'off',
            d.isDefault ? 'yes' : '',
            formatTime(d.createdAt),
          ]),
        )
      return EXIT.ok
    })
  },
}
