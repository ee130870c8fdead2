// `playgate sign-url`: a signed playback URL for any scheme, with a play domain's scheme and
// primary key (from the catalog) or a scheme and key given on the command line.
import { notFound } from '../../core/errors.ts'
import type { PlayDomainWithKeys } from '../../core/model.ts'
import type { Clock } from '../../core/ports.ts'
import { URL_SCHEME_NAMES, type SignOptions } from '../../core/schemes/url-scheme.ts'
import { isUrlSchemeName } from '../../core/schemes/url-schemes.ts'
import type { Config } from '../../config/schema.ts'
import { systemClock } from '../../platform/node/clock.ts'
import { nodeCrypto } from '../../platform/node/crypto.ts'
import { createPlayUrlSigner } from '../../services/play-urls.ts'
import type { Services } from '../../services/container.ts'
import { loadCliConfig, parseArgs, positionals, stringOption, type ParsedArgs } from '../args.ts'
import { EXIT, printJson, UsageError, writeLine, type CliIo, type Command } from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'sign-url'

/** Options shared with verify-url: where the scheme and keys come from. */
export const KEY_SOURCE_OPTIONS = {
  domain: { type: 'string', value: 'HOST|ID', help: 'use this play domain’s scheme and key ring' },
  scheme: {
    type: 'string',
    value: 'NAME',
    help: `scheme without a domain: ${URL_SCHEME_NAMES.join(', ')}`,
  },
  key: { type: 'string', value: 'SECRET', help: 'the key (with --scheme)' },
  'key-id': { type: 'string', value: 'ID', help: 'key id for the native scheme (default k1)' },
  ttl: { type: 'string', value: 'SECONDS', help: 'validity: the domain’s TTL, or 1800' },
  now: { type: 'string', value: 'UNIX', help: 'sign or verify as of this time (default: now)' },
} as const

const OPTIONS = {
  ...KEY_SOURCE_OPTIONS,
  'expires-at': { type: 'string', value: 'UNIX', help: 'expiry (default: now + TTL)' },
  uid: { type: 'string', value: 'UID', help: 'Aliyun A / Tencent CDN A user id' },
  rand: { type: 'string', value: 'RAND', help: 'Aliyun A / Tencent CDN A random field' },
  'path-prefix': { type: 'string', value: 'PATH', help: 'native: cover every path under PATH' },
  'client-ip': { type: 'string', value: 'IP|CIDR', help: 'native: bind to an address or range' },
  'not-before': { type: 'string', value: 'UNIX', help: 'native: not valid before' },
  'preview-seconds': { type: 'string', value: 'N', help: 'Tencent VOD key exper' },
  'max-client-ips': { type: 'string', value: 'N', help: 'Tencent VOD key rlimit' },
  'link-id': { type: 'string', value: 'ID', help: 'Tencent VOD key us' },
} as const

export function integerOption(parsed: ParsedArgs, name: string, command: string) {
  const text = stringOption(parsed, name, command, true)
  if (text === undefined) return undefined
  if (!/^\d{1,12}$/.test(text)) throw new UsageError(`--${name} must be a whole number`, command)
  return Number(text)
}

export function clockOf(io: CliIo, parsed: ParsedArgs, command: string): Clock {
  const now = integerOption(parsed, 'now', command)
  if (now !== undefined) return { now: () => now * 1000 }
  return io.overrides?.clock ?? systemClock
}

/** A domain built from --scheme/--key, for signing and verifying without a catalog. */
export function adHocDomain(
  parsed: ParsedArgs,
  command: string,
  backup?: string,
): PlayDomainWithKeys {
  const scheme = stringOption(parsed, 'scheme', command)
  if (!isUrlSchemeName(scheme)) throw new UsageError(`unknown --scheme ${scheme}`, command)
  const key = stringOption(parsed, 'key', command)
  const keyId = stringOption(parsed, 'key-id', command, true) ?? 'k1'
  return {
    id: 'pd_cli',
    tenantId: 'tn_cli',
    host: 'cli.invalid',
    scheme,
    authEnabled: true,
    ttlSeconds: integerOption(parsed, 'ttl', command) ?? 1800,
    allowedOrigins: ['*'],
    isDefault: false,
    createdAt: new Date(0),
    keys: {
      primary: { id: keyId, secret: key },
      backup: backup === undefined ? null : { id: `${keyId}-backup`, secret: backup },
      rotatedAt: null,
    },
  }
}

/** The play domain named by --domain (host or pd_… id). */
export async function findDomain(services: Services, ref: string): Promise<PlayDomainWithKeys> {
  const domain = /^pd_/.test(ref)
    ? await services.playDomains.getWithKeys(ref)
    : await services.playDomains.resolveHost(ref)
  if (!domain) throw notFound('playDomain', ref)
  return domain
}

function signOptions(parsed: ParsedArgs): SignOptions {
  const text = (name: string) => stringOption(parsed, name, NAME, true)
  const int = (name: string) => integerOption(parsed, name, NAME)
  const entries: [keyof SignOptions, string | number | undefined][] = [
    ['expiresAt', int('expires-at')],
    ['uid', text('uid')],
    ['rand', text('rand')],
    ['pathPrefix', text('path-prefix')],
    ['clientIp', text('client-ip')],
    ['notBefore', int('not-before')],
    ['previewSeconds', int('preview-seconds')],
    ['maxClientIps', int('max-client-ips')],
    ['linkId', text('link-id')],
  ]
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined))
}

function sign(
  config: Config,
  clock: Clock,
  domain: PlayDomainWithKeys,
  input: string,
  parsed: ParsedArgs,
) {
  const playUrls = createPlayUrlSigner({ crypto: nodeCrypto, clock, config })
  const ttlSeconds = integerOption(parsed, 'ttl', NAME) ?? domain.ttlSeconds
  const options = signOptions(parsed)
  if (/^https?:\/\//i.test(input) || !input.startsWith('/'))
    return playUrls.signStreamUrl({ domain, stream: input, ttlSeconds, options })
  const signed = playUrls.signTarget(domain, input, ttlSeconds, options)
  return { url: signed.target, ...signed }
}

export const signUrlCommand: Command = {
  help: helpText(
    NAME,
    'URL|PATH|LOCATION',
    OPTIONS,
    'Signs an http(s) URL (keeping its host), a /path under the domain (printed as a signed\n' +
      'target), or a stream location relative to the media root (printed as the full playback URL\n' +
      'of --domain). The scheme and key come from --domain, or from --scheme and --key.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    const [input] = positionals(parsed, ['URL|PATH|LOCATION'], NAME) as [string]
    const config = loadCliConfig(io, parsed)
    const clock = clockOf(io, parsed, NAME)
    const ref = stringOption(parsed, 'domain', NAME, true)
    if (ref !== undefined && parsed.options.scheme !== undefined)
      throw new UsageError('give --domain or --scheme, not both', NAME)
    if (ref === undefined && parsed.options.scheme === undefined)
      throw new UsageError('--domain or --scheme and --key are required', NAME)

    const signed =
      ref === undefined
        ? sign(config, clock, adHocDomain(parsed, NAME), input, parsed)
        : await withRuntime(io, config, async ({ services }) =>
            sign(config, clock, await findDomain(services, ref), input, parsed),
          )
    if (parsed.options.json) printJson(io, { url: signed.url, expiresAt: signed.expiresAt })
    else writeLine(io.stdout, signed.url)
    return EXIT.ok
  },
}
