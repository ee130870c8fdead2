// The edge's decision for one request: the domain's scheme verified with primary and backup
// keys and the configured skew, then viewer controls (viewer-controls.ts) and Tencent `rlimit`.
// A domain with auth disabled is open, but a revoked path stays refused (takedowns work either way).
import { accept, reject, type ErrorCode, type Refusal, type Verdict } from '../core/errors.ts'
import { splitTarget } from '../core/encoding/query.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import type { Crypto } from '../core/ports.ts'
import { canonicalPath } from '../core/schemes/url-common/path.ts'
import type { UrlRefusal } from '../core/schemes/url-scheme.ts'
import {
  verifyPlayAddress,
  type PlayAddress,
  type VerifiedAddress,
} from '../services/play-address.ts'
import type { PlayUrls } from '../services/play-urls.ts'
import type { SessionRef } from '../services/viewer-sessions.ts'
import { signingQuery } from './hls.ts'
import {
  checkViewer,
  denyReasonOf,
  type ViewerDeps,
  type ViewerRefusal,
} from './viewer-controls.ts'

export interface EdgeGrant {
  /** The requested path under the domain, raw (percent-encoded), signing segments removed. */
  readonly path: string
  /** Decoded and dot-free: what is looked up under the media root. */
  readonly canonical: string
  /** null when the domain is open. */
  readonly signed: VerifiedAddress | null
  /** Gives back the use this request took of a usage-limited credential (when it fails). */
  readonly refund?: () => Promise<void>
  /** The viewing session this request renewed, where caps apply (its bytes are counted). */
  readonly session?: SessionRef
}

export interface AuthorizeDeps {
  readonly crypto: Crypto
  readonly playUrls: Pick<PlayUrls, 'admitClient'>
  readonly viewer: ViewerDeps
  readonly skewSeconds: number
  /** Counts each decision (metrics): allow, or deny with the refusal code. */
  readonly decided?: { allow(): void; deny(code: ErrorCode): void }
}

export interface AuthorizeInput {
  readonly domain: PlayDomainWithKeys
  /** Where the request named the domain, and its target as received. */
  readonly address: PlayAddress
  /** Unix seconds. */
  readonly now: number
  readonly clientIp: string
  readonly referer: string | undefined
  readonly userAgent: string | undefined
}

/**
 * Why the edge refused a request: the URL's (its scheme's, or its prefix's), the edge's own, or a
 * viewer control's. Logged with the request; a viewer control's is also `X-Deny-Reason`.
 */
export type EdgeRefusal =
  UrlRefusal | 'unparsable' | 'signed-open-domain' | 'too-many-clients' | ViewerRefusal

function verifySignature(
  input: AuthorizeInput,
  deps: AuthorizeDeps,
): Verdict<VerifiedAddress, EdgeRefusal> {
  try {
    return verifyPlayAddress(
      {
        domain: input.domain,
        address: input.address,
        now: input.now,
        skewSeconds: deps.skewSeconds,
        clientIp: input.clientIp,
      },
      deps.crypto,
    )
  } catch {
    // A verifier throws only on input it cannot even parse; for the client that is malformed.
    return reject('TOKEN_INVALID', 'unparsable')
  }
}

export async function authorizeRequest(
  input: AuthorizeInput,
  deps: AuthorizeDeps,
): Promise<Verdict<EdgeGrant, EdgeRefusal>> {
  const verdict = await decide(input, deps)
  if (verdict.ok) deps.decided?.allow()
  else deps.decided?.deny(verdict.code)
  return verdict
}

/** The path a request may have by its URL alone: the signature checked, or the domain open. */
type UrlGrant = Pick<EdgeGrant, 'path' | 'canonical' | 'signed'>

/** The URL's part of the decision (no await): the signature, then the path it grants. */
function grantOfUrl(input: AuthorizeInput, deps: AuthorizeDeps): Verdict<UrlGrant, EdgeRefusal> {
  const { address } = input
  let path: string
  let signed: EdgeGrant['signed'] = null
  if (input.domain.authEnabled) {
    const verdict = verifySignature(input, deps)
    if (!verdict.ok) return verdict
    signed = verdict.value
    path = signed.url.path
  } else {
    // Signing segments before the prefix mean nothing on an open domain.
    if (!address.received.startsWith(address.prefix))
      return reject('NOT_FOUND', 'signed-open-domain')
    path = splitTarget(address.target).path
  }
  const canonical = canonicalPath(path)
  if (canonical === undefined) return reject('INVALID_PARAMETER', 'malformed', 'path')
  return accept({ path, canonical, signed })
}

/**
 * The decision without a promise, for a domain whose viewer controls are known to be empty
 * (`EdgeControls.cachedForDomain`), where checkViewer admits at once: the signature checked,
 * counted like authorizeRequest's. Undefined, with nothing counted, when the URL carries a
 * client-IP limit, which takes a shared-state round trip (authorizeRequest decides it).
 */
export function authorizeWithoutControls(
  input: AuthorizeInput,
  deps: AuthorizeDeps,
): Verdict<EdgeGrant, EdgeRefusal> | undefined {
  const verdict = grantOfUrl(input, deps)
  if (verdict.ok && verdict.value.signed?.url.restrictions?.maxClientIps !== undefined)
    return undefined
  if (verdict.ok) deps.decided?.allow()
  else deps.decided?.deny(verdict.code)
  return verdict
}

async function decide(
  input: AuthorizeInput,
  deps: AuthorizeDeps,
): Promise<Verdict<EdgeGrant, EdgeRefusal>> {
  const { address } = input
  const byUrl = grantOfUrl(input, deps)
  if (!byUrl.ok) return byUrl
  const { path, canonical, signed } = byUrl.value

  const restrictions = signed?.url.restrictions
  const admission = await checkViewer(deps.viewer, {
    domain: input.domain,
    canonical,
    signed,
    now: input.now * 1000,
    viewer: input,
  })
  if (!admission.ok) return admission
  const { refund, session } = admission.value
  if (signed && restrictions?.maxClientIps !== undefined) {
    const link = restrictions.linkId || signingQuery(address.target, signed.url.origin)
    const admitted = await deps.playUrls.admitClient(
      input.domain.id,
      link,
      input.clientIp,
      restrictions.maxClientIps,
      signed.url.expiresAt,
    )
    if (!admitted) {
      await refund?.()
      return reject('FORBIDDEN', 'too-many-clients')
    }
  }
  const grant: { -readonly [K in keyof EdgeGrant]: EdgeGrant[K] } = { path, canonical, signed }
  if (refund) grant.refund = refund
  if (session) grant.session = session
  return accept(grant)
}

/**
 * Logs a refusal with its reason, and names a viewer control's in `X-Deny-Reason` (the caller
 * then answers with the code in its own shape).
 */
export function noteRefusal(
  request: { readonly log: { info(fields: object, message: string): void } },
  reply: { header(name: string, value: string): unknown },
  refusal: Refusal<EdgeRefusal>,
  host: string,
): void {
  const { code, reason, parameter } = refusal
  request.log.info({ code, reason, parameter, host }, 'denied')
  const denyReason = denyReasonOf(reason)
  if (denyReason) void reply.header('x-deny-reason', denyReason)
}
