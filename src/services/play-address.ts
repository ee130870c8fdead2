// Where a playback URL names its play domain, and its signature checked on the URL as delivered:
// in the prefix form (`/play/<host>/…`) a scheme that hashes the path hashes the whole path,
// prefix included, which is what nginx, a CDN in front or the vendor's own formula sees.
import { accept, reject } from '../core/errors.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import type { Crypto } from '../core/ports.ts'
import { credentialSignature } from '../core/policy/credential.ts'
import type { UrlScheme, UrlVerdict, VerifiedUrl } from '../core/schemes/url-scheme.ts'
import { urlScheme } from '../core/schemes/url-schemes.ts'
import { normalizeHost } from './play-domains.ts'
import { ringKeys } from './play-urls.ts'

/** Path prefix of the shared-host form: `<base>/play/<domain host>/<path under the domain>`. */
export const PLAY_PREFIX = '/play/'

export interface PlayAddress {
  /** The domain host as the request named it (prefix segment or Host header), normalised. */
  readonly host: string
  /** `/play/<host>` as received, or '' under the domain's own host. */
  readonly prefix: string
  /** The request target as received (path still percent-encoded, and query): what was signed. */
  readonly received: string
  /** The target under the domain: `received` without the prefix (in-path signing segments kept). */
  readonly target: string
}

const HOST_SEGMENT = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/
const PLAIN = /^(\/play\/([^/?#]+))(\/.*)$/s
// Path-form signatures (Aliyun/Tencent B and C) lead with two segments, then the signed path.
const PATH_FORM = /^(\/[^/?#]+\/[^/?#]+)(\/play\/([^/?#]+))(\/.*)$/s

/**
 * The prefix form, `/play/<host>/…` or `/<time>/<md5>/play/<host>/…` (path-form schemes), or
 * undefined when `url` is neither.
 */
export function prefixAddress(url: string): PlayAddress | undefined {
  const plain = url.startsWith(PLAY_PREFIX) ? PLAIN.exec(url) : null
  if (plain) {
    const [, prefix, host, rest] = plain as unknown as [string, string, string, string]
    if (!HOST_SEGMENT.test(host)) return undefined
    return { host: normalizeHost(host), prefix, received: url, target: rest }
  }
  if (url.startsWith(PLAY_PREFIX)) return undefined
  const form = PATH_FORM.exec(url)
  if (!form) return undefined
  const [, signing, prefix, host, rest] = form as unknown as [
    string,
    string,
    string,
    string,
    string,
  ]
  if (!HOST_SEGMENT.test(host)) return undefined
  return { host: normalizeHost(host), prefix, received: url, target: signing + rest }
}

/** The Host-header form. */
export function hostAddress(url: string, hostHeader: string | undefined): PlayAddress | undefined {
  if (hostHeader === undefined || hostHeader === '' || !url.startsWith('/')) return undefined
  return { host: normalizeHost(hostHeader), prefix: '', received: url, target: url }
}

/**
 * The address in a whole playback URL (`http(s)://<host>/…`, `<edge>/play/<host>/…`) or a bare
 * target; `host` is '' for a bare target without the prefix.
 */
export function addressOfUrl(input: string): PlayAddress {
  const absolute = /^https?:\/\/([^/?#]+)([^#]*)/i.exec(input)
  const target = absolute ? absolute[2] || '/' : input
  return (
    prefixAddress(target) ??
    hostAddress(target, absolute?.[1]) ?? { host: '', prefix: '', received: target, target }
  )
}

export interface VerifiedAddress {
  readonly scheme: UrlScheme
  /** Path, origin and scope under the domain (the prefix taken off). */
  readonly url: VerifiedUrl
  /** What identifies the credential (credential.ts): its signing parameters, or signed path. */
  readonly signature: string
}

export interface VerifyAddressInput {
  readonly domain: Pick<PlayDomainWithKeys, 'scheme' | 'keys' | 'ttlSeconds'>
  readonly address: PlayAddress
  /** Unix seconds. */
  readonly now: number
  readonly skewSeconds: number
  /** The domain's TTL unless given (the CLI's `--ttl`). */
  readonly ttlSeconds?: number
  readonly clientIp?: string
}

/**
 * A verified address whose credential signature is worked out when first asked for: only viewer
 * controls and the CLI ask, and most edge requests (a domain without controls) never do.
 */
class Verified implements VerifiedAddress {
  readonly scheme: UrlScheme
  readonly url: VerifiedUrl
  /** The target as verified, and the origin the verifier found in it (before any prefix). */
  private readonly signed: string
  private readonly signedOrigin: string
  private signatureText: string | undefined

  constructor(scheme: UrlScheme, url: VerifiedUrl, signed: string, signedOrigin: string) {
    this.scheme = scheme
    this.url = url
    this.signed = signed
    this.signedOrigin = signedOrigin
  }

  get signature(): string {
    return (this.signatureText ??= credentialSignature(this.signed, this.signedOrigin))
  }
}

/** `path` under `prefix` ('/play/h/x' → '/x'), or undefined when it is not. */
function under(prefix: string, path: string): string | undefined {
  return path.startsWith(prefix + '/') ? path.slice(prefix.length) : undefined
}

/**
 * Verifies the URL with the domain's scheme and ring. A scheme that hashes the path verifies
 * the target as received, prefix included, and the signed path must lie under that prefix (so a
 * URL for `/play/x/…` never plays as `/play/y/…`, whatever keys the two domains hold).
 */
export function verifyPlayAddress(
  input: VerifyAddressInput,
  crypto: Crypto,
): UrlVerdict<VerifiedAddress> {
  const { address } = input
  const scheme = urlScheme(input.domain.scheme)
  const mounted = scheme.signsPath && address.prefix !== ''
  if (!scheme.signsPath && !address.received.startsWith(address.prefix))
    return reject('TOKEN_INVALID', 'segments-before-prefix')
  const signed = mounted ? address.received : address.target
  const verdict = scheme.verify(
    {
      target: signed,
      keys: ringKeys(input.domain),
      now: input.now,
      ttlSeconds: input.ttlSeconds ?? input.domain.ttlSeconds,
      skewSeconds: input.skewSeconds,
      clientIp: input.clientIp,
    },
    crypto,
  )
  if (!verdict.ok) return verdict
  const signedOrigin = verdict.value.origin
  if (!mounted) return accept(new Verified(scheme, verdict.value, signed, signedOrigin))
  const { prefix } = address
  const path = under(prefix, verdict.value.path)
  const origin = under(prefix, signedOrigin)
  if (path === undefined || origin === undefined)
    return reject('SIGNATURE_MISMATCH', 'outside-prefix')
  // A spread, not a rest pattern (`{ scope, ...rest }`), which V8 copies through a slow runtime
  // call: this runs on every edge request.
  const { scope } = verdict.value
  const url: VerifiedUrl =
    scope === undefined
      ? { ...verdict.value, path, origin }
      : // A scope that holds the request holds part of the domain, or all of it (`/play/`).
        { ...verdict.value, path, origin, scope: under(prefix, scope) ?? '/' }
  return accept(new Verified(scheme, url, signed, signedOrigin))
}
