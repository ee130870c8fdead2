// `playgate verify-url`: checks a playback URL as the edge would (scheme, primary and backup
// keys, TTL, skew), printing which key matched and until when, or the reason it is refused.
import { AppError } from '../../core/errors.ts'
import type { PlayDomainWithKeys } from '../../core/model.ts'
import { canonicalPath } from '../../core/schemes/url-common/path.ts'
import { urlRefusalText, type VerifiedUrl } from '../../core/schemes/url-scheme.ts'
import type { Config } from '../../config/schema.ts'
import { nodeCrypto } from '../../platform/node/crypto.ts'
import {
  addressOfUrl,
  verifyPlayAddress,
  type PlayAddress,
  type VerifiedAddress,
} from '../../services/play-address.ts'
import { isRevokedBy } from '../../services/edge-controls.ts'
import { credentialOf } from '../../core/policy/credential.ts'
import { normalizeHost } from '../../services/play-domains.ts'
import { loadCliConfig, parseArgs, positionals, stringOption, type ParsedArgs } from '../args.ts'
import { EXIT, printJson, printTable, UsageError, type CliIo, type Command } from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'
import { adHocDomain, clockOf, findDomain, integerOption, KEY_SOURCE_OPTIONS } from './sign-url.ts'

const NAME = 'verify-url'

const OPTIONS = {
  ...KEY_SOURCE_OPTIONS,
  'backup-key': {
    type: 'string',
    value: 'SECRET',
    help: 'a second key that verifies (with --scheme)',
  },
  skew: {
    type: 'string',
    value: 'SECONDS',
    help: 'allowed clock skew (default: edge.skewSeconds)',
  },
  'client-ip': { type: 'string', value: 'IP', help: 'the client address, for IP-bound URLs' },
} as const

function check(
  config: Config,
  parsed: ParsedArgs,
  io: CliIo,
  domain: PlayDomainWithKeys,
  address: PlayAddress,
): VerifiedAddress {
  const verdict = verifyPlayAddress(
    {
      domain,
      address,
      now: Math.floor(clockOf(io, parsed, NAME).now() / 1000),
      ttlSeconds: integerOption(parsed, 'ttl', NAME) ?? domain.ttlSeconds,
      skewSeconds: integerOption(parsed, 'skew', NAME) ?? config.edge.skewSeconds,
      ...(typeof parsed.options['client-ip'] === 'string'
        ? { clientIp: parsed.options['client-ip'] }
        : {}),
    },
    nodeCrypto,
  )
  if (!verdict.ok) throw new AppError(verdict.code, urlRefusalText(verdict))
  return verdict.value
}

export const verifyUrlCommand: Command = {
  help: helpText(
    NAME,
    'URL|TARGET',
    OPTIONS,
    'URL may be http(s)://<domain host>/…, <edge>/play/<host>/…, or a bare /path?query. The\n' +
      'scheme and keys come from --domain (default: the host in the URL), or from --scheme and\n' +
      '--key (and --backup-key). Exit 0 when valid; 1 with error[CODE]: reason when refused.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    const [input] = positionals(parsed, ['URL|TARGET'], NAME) as [string]
    const config = loadCliConfig(io, parsed)
    const address = addressOfUrl(input)
    const host = address.host === '' ? undefined : address.host
    if (!address.target.startsWith('/'))
      throw new UsageError('give a URL or a target starting with /', NAME)

    let verified: VerifiedUrl
    let domain: PlayDomainWithKeys
    if (parsed.options.scheme !== undefined) {
      if (parsed.options.domain !== undefined)
        throw new UsageError('give --domain or --scheme, not both', NAME)
      domain = adHocDomain(parsed, NAME, stringOption(parsed, 'backup-key', NAME, true))
      verified = check(config, parsed, io, domain, address).url
    } else {
      const ref = stringOption(parsed, 'domain', NAME, true) ?? host
      if (ref === undefined)
        throw new UsageError('--domain, or a URL naming its host, or --scheme and --key', NAME)
      ;({ domain, verified } = await withRuntime(io, config, async ({ services }) => {
        const found = await findDomain(services, ref.startsWith('pd_') ? ref : normalizeHost(ref))
        const checked = check(config, parsed, io, found, address)
        const result = checked.url
        const path = canonicalPath(result.path)
        const identity = credentialOf(nodeCrypto, found.id, result, checked.signature)
        const probe = {
          canonical: path ?? '/',
          ...identity,
          keyId: result.keyIndex === 0 ? found.keys.primary.id : found.keys.backup?.id,
        }
        const controls = await services.edgeControls.forDomain(found)
        if (isRevokedBy(controls, probe, services.deps.clock.now()))
          throw new AppError('TOKEN_REVOKED', 'revoked')
        return { domain: found, verified: result }
      }))
    }

    const key = verified.keyIndex === 0 ? 'primary' : 'backup'
    if (parsed.options.json) {
      printJson(io, {
        valid: true,
        scheme: domain.scheme,
        key,
        expiresAt: verified.expiresAt,
        path: verified.path,
        scope: verified.scope ?? null,
        restrictions: verified.restrictions ?? null,
      })
      return EXIT.ok
    }
    const rows = [
      ['valid', 'yes'],
      ['scheme', domain.scheme],
      ['key', key],
      ['expires', new Date(verified.expiresAt * 1000).toISOString()],
      ['path', verified.path],
    ]
    if (verified.scope !== undefined) rows.push(['scope', verified.scope])
    printTable(io, [{ title: 'field' }, { title: 'value' }], rows)
    return EXIT.ok
  },
}
