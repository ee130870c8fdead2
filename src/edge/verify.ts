// The edge's decision for one request: the domain's scheme verified with primary and backup
// keys and the configured skew, then viewer controls (viewer-controls.ts) and Tencent `rlimit`.
// A domain with auth disabled is open, but a revoked path stays refused (takedowns work either way).
import { accept, reject, type Verdict } from '../core/errors.ts'
import { splitTarget } from '../core/encoding/query.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import type { Crypto } from '../core/ports.ts'
import { canonicalPath } from '../core/schemes/url-common/path.ts'
import type { UrlScheme, VerifiedUrl } from '../core/schemes/url-scheme.ts'
import { urlScheme } from '../core/schemes/url-schemes.ts'
import { ringKeys, type PlayUrls } from '../services/play-urls.ts'
import { signingQuery } from './hls.ts'
import { checkViewer, type ViewerDeps } from './viewer-controls.ts'

export interface EdgeGrant {
  /** The requested path under the domain, raw (percent-encoded), signing segments removed. */
  readonly path: string
  /** Decoded and dot-free: what is looked up under the media root. */
  readonly canonical: string
  /** null when the domain is open. */
  readonly signed: { readonly scheme: UrlScheme; readonly url: VerifiedUrl } | null
  /** Gives back the use this request took of a usage-limited credential (when it fails). */
  readonly refund?: () => Promise<void>
}

export interface AuthorizeDeps {
  readonly crypto: Crypto
  readonly playUrls: Pick<PlayUrls, 'admitClient'>
  readonly viewer: ViewerDeps
  readonly skewSeconds: number
  /** Counts each decision (metrics): allow, or deny with the refusal code. */
  readonly decided?: { allow(): void; deny(code: string): void }
}

export interface AuthorizeInput {
  readonly domain: PlayDomainWithKeys
  /** The target under the domain as received. */
  readonly target: string
  /** Unix seconds. */
  readonly now: number
  readonly clientIp: string
  readonly referer: string | undefined
  readonly userAgent: string | undefined
}

function verifySignature(
  input: AuthorizeInput,
  deps: AuthorizeDeps,
): Verdict<{ scheme: UrlScheme; url: VerifiedUrl }> {
  const scheme = urlScheme(input.domain.scheme)
  try {
    const verdict = scheme.verify(
      {
        target: input.target,
        keys: ringKeys(input.domain),
        now: input.now,
        ttlSeconds: input.domain.ttlSeconds,
        skewSeconds: deps.skewSeconds,
        clientIp: input.clientIp,
      },
      deps.crypto,
    )
    return verdict.ok ? accept({ scheme, url: verdict.value }) : verdict
  } catch {
    // A verifier throws only on input it cannot even parse; for the client that is malformed.
    return reject('TOKEN_INVALID', 'signed URL could not be parsed')
  }
}

export async function authorizeRequest(
  input: AuthorizeInput,
  deps: AuthorizeDeps,
): Promise<Verdict<EdgeGrant>> {
  const verdict = await decide(input, deps)
  if (verdict.ok) deps.decided?.allow()
  else deps.decided?.deny(verdict.code)
  return verdict
}

async function decide(input: AuthorizeInput, deps: AuthorizeDeps): Promise<Verdict<EdgeGrant>> {
  let path: string
  let signed: EdgeGrant['signed'] = null
  if (input.domain.authEnabled) {
    const verdict = verifySignature(input, deps)
    if (!verdict.ok) return verdict
    signed = verdict.value
    path = signed.url.path
  } else {
    path = splitTarget(input.target).path
  }
  const canonical = canonicalPath(path)
  if (canonical === undefined) return reject('INVALID_PARAMETER', 'malformed path')

  const restrictions = signed?.url.restrictions
  const admission = await checkViewer(deps.viewer, {
    domain: input.domain,
    target: input.target,
    canonical,
    signed,
    now: input.now * 1000,
    viewer: input,
  })
  if (!admission.ok) return admission
  const { refund } = admission.value
  if (signed && restrictions?.maxClientIps !== undefined) {
    const link = restrictions.linkId || signingQuery(input.target, signed.url.origin)
    const admitted = await deps.playUrls.admitClient(
      input.domain.id,
      link,
      input.clientIp,
      restrictions.maxClientIps,
      signed.url.expiresAt,
    )
    if (!admitted) {
      await refund?.()
      return reject('FORBIDDEN', 'too many client addresses for this URL')
    }
  }
  return accept(refund ? { path, canonical, signed, refund } : { path, canonical, signed })
}
