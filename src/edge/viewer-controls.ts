// The edge's viewer controls for one request, after its signature: revocations (credential,
// viewer, key, video, path), binding rules (video first, then domain; first match wins) and
// session caps. A domain with no controls costs one shared-state read and nothing else.
import { accept, reject, type Verdict } from '../core/errors.ts'
import type { PlayDomainWithKeys } from '../core/model.ts'
import { credentialOf, type CredentialIdentity } from '../core/policy/credential.ts'
import { evaluateRules } from '../core/policy/rules.ts'
import type { ViewerCaps } from '../core/policy/viewer-policy.ts'
import type { Crypto } from '../core/ports.ts'
import { isRevokedBy, videoOf, type EdgeControls } from '../services/edge-controls.ts'
import type { VerifiedAddress } from '../services/play-address.ts'
import type { SessionRef, ViewerSessions } from '../services/viewer-sessions.ts'
import type { AuthCallbacks } from '../services/auth-callbacks.ts'
import { DENY_REASONS, type DenyReason } from '../services/edge-metrics.ts'

export type { DenyReason }

/** A viewer control's refusal as a verdict reason, apart from the signature's own reasons. */
export type ViewerRefusal = `viewer:${DenyReason}`

export interface ViewerDeps {
  readonly crypto: Crypto
  readonly controls: EdgeControls
  readonly sessions: ViewerSessions
  readonly callbacks: AuthCallbacks
  /** Counts a refusal by reason (metrics). */
  readonly denied?: (reason: DenyReason) => void
}

export interface ViewerRequest {
  readonly clientIp: string
  readonly referer: string | undefined
  readonly userAgent: string | undefined
}

export interface ViewerCheckInput {
  readonly domain: PlayDomainWithKeys
  readonly canonical: string
  readonly signed: VerifiedAddress | null
  /** Milliseconds. */
  readonly now: number
  readonly viewer: ViewerRequest
}

const REFUSALS: ReadonlyMap<string, DenyReason> = new Map(
  DENY_REASONS.map((reason) => [`viewer:${reason}`, reason]),
)

/** The deny reason a refused verdict carries, if a viewer control refused it. */
export function denyReasonOf(reason: string): DenyReason | undefined {
  return REFUSALS.get(reason)
}

function deny(
  deps: ViewerDeps,
  code: 'TOKEN_REVOKED' | 'FORBIDDEN' | 'UNAVAILABLE',
  reason: DenyReason,
): Verdict<never, ViewerRefusal> {
  deps.denied?.(reason)
  return reject(code, `viewer:${reason}`)
}

/**
 * What an admitted request holds: a use of a usage-limited credential, given back if it fails,
 * and the session it renewed (where caps apply), which its response's bytes are added to.
 */
export interface ViewerAdmission {
  readonly refund?: () => Promise<void>
  readonly session?: SessionRef
}

const ADMITTED: Verdict<ViewerAdmission, ViewerRefusal> = accept({})

/** The admission when the request may go on; else the refusal (403, or 503 for an outage). */
export async function checkViewer(
  deps: ViewerDeps,
  input: ViewerCheckInput,
): Promise<Verdict<ViewerAdmission, ViewerRefusal>> {
  const { domain, signed } = input
  const controls = await deps.controls.forDomain(domain)
  if (controls.empty) return ADMITTED

  let identity: CredentialIdentity | undefined
  if (signed) {
    identity = credentialOf(deps.crypto, domain.id, signed.url, signed.signature)
  }
  const probe = {
    canonical: input.canonical,
    credentialId: identity?.credentialId,
    viewerId: identity?.viewerId,
    keyId: signed ? domain.keys[signed.url.keyIndex === 0 ? 'primary' : 'backup']?.id : undefined,
  }
  if (isRevokedBy(controls, probe, input.now)) return deny(deps, 'TOKEN_REVOKED', 'revoked')

  const video = controls.videos.length > 0 ? videoOf(controls, input.canonical) : undefined
  const rules = {
    clientIp: input.viewer.clientIp,
    referer: input.viewer.referer,
    userAgent: input.viewer.userAgent,
  }
  const decision =
    (video?.rules && evaluateRules(video.rules, rules)) ||
    (controls.rules && evaluateRules(controls.rules, rules))
  if (decision && decision.action === 'deny') return deny(deps, 'FORBIDDEN', 'rule')

  const callback = video?.callback ?? controls.callback
  if (callback) {
    const answer = await deps.callbacks.decide(
      callback,
      `${domain.id}\n${identity?.credentialId ?? ''}\n${input.viewer.clientIp}`,
      {
        tenantId: domain.tenantId,
        domainId: domain.id,
        host: domain.host,
        credentialId: identity?.credentialId ?? null,
        viewerId: identity?.viewerId ?? null,
        videoId: video?.videoId ?? null,
        path: input.canonical,
        clientIp: input.viewer.clientIp,
        userAgent: input.viewer.userAgent ?? null,
        referer: input.viewer.referer ?? null,
      },
    )
    if (answer === 'deny') return deny(deps, 'FORBIDDEN', 'callback')
    if (answer === 'unavailable') return deny(deps, 'UNAVAILABLE', 'callback-unavailable')
  }

  const caps = video?.caps ?? controls.caps
  // Sessions are per credential: an open domain's requests carry none to count.
  if (caps && !identity) return deny(deps, 'FORBIDDEN', 'no-credential')
  const limit = identity && controls.uses.get(identity.credentialId)
  const admission =
    identity && limit && limit.expiresAt > input.now
      ? await useCredential(deps, identity.credentialId, limit.maxUses, limit.expiresAt - input.now)
      : ADMITTED
  if (!admission.ok || !caps || !identity) return admission
  const session = await admitSession(deps, input, identity, video?.videoId, caps)
  if (session.ok) return accept({ ...admission.value, session: session.value })
  // A refused request uses nothing up.
  await admission.value.refund?.()
  return session
}

/** Takes one use of a usage-limited credential; fails closed without shared state. */
async function useCredential(
  deps: ViewerDeps,
  credentialId: string,
  maxUses: number,
  remainingMs: number,
): Promise<Verdict<ViewerAdmission, ViewerRefusal>> {
  let used: boolean
  try {
    used = await deps.sessions.use(credentialId, maxUses, remainingMs / 1000)
  } catch {
    return deny(deps, 'UNAVAILABLE', 'unavailable')
  }
  if (!used) return deny(deps, 'TOKEN_REVOKED', 'used-up')
  return accept({ refund: () => deps.sessions.giveBack(credentialId).catch(() => undefined) })
}

async function admitSession(
  deps: ViewerDeps,
  input: ViewerCheckInput,
  identity: CredentialIdentity,
  videoId: string | undefined,
  caps: ViewerCaps,
): Promise<Verdict<SessionRef, ViewerRefusal>> {
  const { domain } = input
  let verdict
  try {
    verdict = await deps.sessions.admit(
      {
        tenantId: domain.tenantId,
        domainId: domain.id,
        credentialId: identity.credentialId,
        viewerId: identity.viewerId,
        videoId,
        clientIp: input.viewer.clientIp,
        userAgent: input.viewer.userAgent,
        path: input.canonical,
      },
      caps,
    )
  } catch {
    // Caps fail closed: without shared state no replica can count sessions.
    return deny(deps, 'UNAVAILABLE', 'unavailable')
  }
  return verdict.ok ? accept(verdict.session) : deny(deps, 'FORBIDDEN', verdict.reason)
}
