// What the edge checks beside a signature, per play domain: revocation entries, binding rules
// and session caps, loaded from storage and kept in process. One shared-state read per request
// (the tenant's controls version) tells every replica at once that something changed.
import { toHex } from '../core/encoding/bytes.ts'
import type { PlayDomain } from '../core/model.ts'
import { compileRules, type CompiledRules } from '../core/policy/rules.ts'
import type {
  AuthCallback,
  Revocation,
  ViewerCaps,
  ViewerPolicy,
} from '../core/policy/viewer-policy.ts'
import { canonicalPath, dirOf } from '../core/schemes/url-common/path.ts'
import { listCredentialLimits } from '../storage/repositories/credential-limits.ts'
import { listStreams } from '../storage/repositories/videos.ts'
import {
  listRevocations,
  listViewerPolicies,
  videoPolicyLocations,
} from '../storage/repositories/viewer-controls.ts'
import type { ServiceDeps } from './deps.ts'
import { createEdgeMetrics } from './edge-metrics.ts'

/** A replica reloads at least this often, even without a signal (a Redis flush loses it). */
export const CONTROLS_MAX_AGE_MS = 30_000
/** The version of a copy loaded while shared state did not answer: never equal to a real one. */
const UNKNOWN = '\0unknown'
/** How long a replica relies on its last read of a tenant's controls version (ms). */
export const VERSION_FRESH_MS = 100
/** How long the "changed" signal is kept: past any cache age, so an edge never misses one. */
const VERSION_TTL_SECONDS = 30 * 86400

export interface VideoControls {
  readonly videoId: string
  /** Canonical path prefixes of the video's streams (`/v/abc/` for HLS, the file for MP4). */
  readonly prefixes: readonly string[]
  readonly rules: CompiledRules | undefined
  readonly caps: ViewerCaps | undefined
  readonly callback: AuthCallback | undefined
}

export interface DomainControls {
  /** Nothing to check: the common case, decided without any further work. */
  readonly empty: boolean
  /** Value → expiry (ms) per revocation kind; paths are canonical prefixes. */
  readonly credentials: ReadonlyMap<string, number>
  readonly viewers: ReadonlyMap<string, number>
  readonly keys: ReadonlyMap<string, number>
  readonly paths: ReadonlyMap<string, number>
  readonly rules: CompiledRules | undefined
  readonly caps: ViewerCaps | undefined
  readonly callback: AuthCallback | undefined
  readonly videos: readonly VideoControls[]
  /** Credential id → its `maxUses` and expiry (ms): usage-limited credentials of the domain. */
  readonly uses: ReadonlyMap<string, { readonly maxUses: number; readonly expiresAt: number }>
}

const EMPTY: DomainControls = {
  empty: true,
  credentials: new Map(),
  viewers: new Map(),
  keys: new Map(),
  paths: new Map(),
  rules: undefined,
  caps: undefined,
  callback: undefined,
  videos: [],
  uses: new Map(),
}

/** The canonical prefix a stream location is served under: its folder for HLS, else the file. */
export function locationPrefix(location: string): string | undefined {
  const origin = /^https?:\/\/[^/?#]+(\/[^?#]*)?/i.exec(location)
  const raw = origin ? (origin[1] ?? '/') : '/' + location
  const path = canonicalPath(raw)
  if (path === undefined) return undefined
  return /\.m3u8$/i.test(path) ? dirOf(path) : path
}

function hasCaps(caps: ViewerCaps): boolean {
  return (
    caps.maxIpsPerCredential !== null ||
    caps.maxSessionsPerViewer !== null ||
    caps.idleSeconds !== null
  )
}

function policyParts(policy: ViewerPolicy | undefined) {
  return {
    rules: policy && policy.rules.length > 0 ? compileRules(policy.rules) : undefined,
    caps: policy && hasCaps(policy.caps) ? policy.caps : undefined,
    callback: policy?.callback ?? undefined,
  }
}

const versionKey = (tenantId: string) => `vc:version:${tenantId}`

/**
 * Tells every replica's edge that the tenant's controls changed (they reload them at their next
 * request).
 */
async function signalControlsChanged(
  deps: Pick<ServiceDeps, 'state' | 'crypto'>,
  tenantId: string,
): Promise<void> {
  const version = toHex(deps.crypto.randomBytes(8))
  await deps.state.set(versionKey(tenantId), version, VERSION_TTL_SECONDS)
}

export function createEdgeControls(deps: Pick<ServiceDeps, 'db' | 'state' | 'clock' | 'crypto'>) {
  interface Held {
    tenantId: string
    version: string | undefined
    at: number
    controls: Promise<DomainControls>
    /** The controls once loaded (for cachedForDomain). */
    loaded?: DomainControls
  }
  const cache = new Map<string, Held>()

  async function videoPrefixes(videoIds: Iterable<string>): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>()
    for (const id of videoIds) {
      const streams = await listStreams(deps.db, id)
      out.set(
        id,
        streams.flatMap((s) => locationPrefix(s.location) ?? []),
      )
    }
    return out
  }

  async function load(domain: PlayDomain): Promise<DomainControls> {
    const now = new Date(deps.clock.now())
    const [policies, revocations, limits] = await Promise.all([
      listViewerPolicies(deps.db, domain.tenantId),
      listRevocations(deps.db, domain.tenantId, now, domain.id),
      listCredentialLimits(deps.db, domain.id, now),
    ])
    if (policies.length === 0 && revocations.length === 0 && limits.length === 0) return EMPTY
    const byKind = (kind: Revocation['kind']) =>
      new Map(
        revocations.filter((r) => r.kind === kind).map((r) => [r.value, r.expiresAt.getTime()]),
      )
    const paths = byKind('path')
    const videoRevocations = revocations.filter((r) => r.kind === 'video')
    const prefixesOf = await videoPrefixes(new Set(videoRevocations.map((r) => r.value)))
    for (const r of videoRevocations) {
      for (const prefix of prefixesOf.get(r.value) ?? []) {
        paths.set(prefix, Math.max(paths.get(prefix) ?? 0, r.expiresAt.getTime()))
      }
    }
    const videoPolicies = policies.filter((p) => p.scope === 'video')
    const locations =
      videoPolicies.length > 0 ? await videoPolicyLocations(deps.db, domain.tenantId) : []
    const videos = videoPolicies.map((policy): VideoControls => ({
      videoId: policy.scopeId,
      prefixes: locations
        .filter((l) => l.videoId === policy.scopeId)
        .flatMap((l) => locationPrefix(l.location) ?? []),
      ...policyParts(policy),
    }))
    const own = policyParts(policies.find((p) => p.scope === 'domain' && p.scopeId === domain.id))
    return {
      empty: false,
      credentials: byKind('credential'),
      viewers: byKind('viewer'),
      keys: byKind('key'),
      paths,
      ...own,
      videos: videos.filter(
        (v) => v.rules !== undefined || v.caps !== undefined || v.callback !== undefined,
      ),
      uses: new Map(
        limits.map((l) => [
          l.credentialId,
          { maxUses: l.maxUses, expiresAt: l.expiresAt.getTime() },
        ]),
      ),
    }
  }

  const metrics = createEdgeMetrics()

  /**
   * Each tenant's controls version, read from shared state at most once per VERSION_FRESH_MS
   * (monotonic time, whatever the clock says): concurrent requests share one read, and a
   * change on another replica is seen well within a second.
   */
  interface HeldVersion {
    at: number
    version: Promise<string>
    /** The version once read (for cachedForDomain). */
    read?: string
  }
  const versions = new Map<string, HeldVersion>()
  function readVersion(tenantId: string): Promise<string> {
    const now = performance.now()
    const held = versions.get(tenantId)
    if (held && now - held.at < VERSION_FRESH_MS) return held.version
    const entry: HeldVersion = {
      at: now,
      version: deps.state
        .get(versionKey(tenantId))
        .then((v) => v ?? '')
        .catch(() => UNKNOWN)
        .then((v) => (entry.read = v)),
    }
    if (versions.size > 10_000) versions.clear()
    versions.set(tenantId, entry)
    return entry.version
  }

  return {
    /** Edge allow/deny counters (for /metrics). */
    metrics,
    /**
     * The controls of `domain` as of now: one shared-state read; storage only when the tenant's
     * controls changed (on any replica) or the copy is older than CONTROLS_MAX_AGE_MS.
     */
    async forDomain(domain: PlayDomain): Promise<DomainControls> {
      // Without shared state, issued URLs keep playing on this replica's copy (refreshed from
      // storage every CONTROLS_MAX_AGE_MS); the copy is re-checked once shared state is back.
      const version = await readVersion(domain.tenantId)
      const now = deps.clock.now()
      const hit = cache.get(domain.id)
      const current = hit && (hit.version === version || version === UNKNOWN)
      if (hit && current && now - hit.at < CONTROLS_MAX_AGE_MS) return hit.controls
      // While storage does not answer, the last copy stands in (stale if error).
      const controls = hit ? load(domain).catch(() => hit.controls) : load(domain)
      if (cache.size > 10_000) cache.clear()
      const entry: Held = {
        tenantId: domain.tenantId,
        version,
        at: now,
        controls,
      }
      cache.set(domain.id, entry)
      controls.then(
        (loaded) => (entry.loaded = loaded),
        () => cache.delete(domain.id),
      )
      return controls
    },
    /**
     * What forDomain would answer now without waiting for anything (the version read within
     * VERSION_FRESH_MS and the copy it names both in memory), else undefined: the same decision,
     * without a promise, for the edge's answers from memory.
     */
    cachedForDomain(domain: PlayDomain): DomainControls | undefined {
      const held = versions.get(domain.tenantId)
      if (!held || held.read === undefined || performance.now() - held.at >= VERSION_FRESH_MS)
        return undefined
      const hit = cache.get(domain.id)
      if (!hit || hit.loaded === undefined) return undefined
      if (hit.version !== held.read && held.read !== UNKNOWN) return undefined
      return deps.clock.now() - hit.at < CONTROLS_MAX_AGE_MS ? hit.loaded : undefined
    },
    /** Tells every replica that the tenant's controls changed; this one forgets its copies. */
    async changed(tenantId: string): Promise<void> {
      for (const [id, entry] of cache) if (entry.tenantId === tenantId) cache.delete(id)
      versions.delete(tenantId)
      await signalControlsChanged(deps, tenantId)
    },
  }
}

export type EdgeControls = ReturnType<typeof createEdgeControls>

/** The expiry (ms) of the entry in `map` that covers `value`, if one is still in force. */
function inForce(
  map: ReadonlyMap<string, number>,
  value: string | undefined,
  now: number,
): boolean {
  if (value === undefined) return false
  const until = map.get(value)
  return until !== undefined && until > now
}

export interface RevocationProbe {
  readonly canonical: string
  readonly credentialId: string | undefined
  readonly viewerId: string | undefined
  readonly keyId: string | undefined
}

/** Whether a revocation entry covers the request (`now` in ms). */
export function isRevokedBy(
  controls: DomainControls,
  probe: RevocationProbe,
  now: number,
): boolean {
  if (inForce(controls.credentials, probe.credentialId, now)) return true
  if (inForce(controls.viewers, probe.viewerId, now)) return true
  if (inForce(controls.keys, probe.keyId, now)) return true
  if (controls.paths.size === 0) return false
  if (inForce(controls.paths, probe.canonical, now)) return true
  for (let dir = dirOf(probe.canonical); dir !== ''; dir = dirOf(dir.slice(0, -1))) {
    if (inForce(controls.paths, dir, now)) return true
  }
  return false
}

/** The video whose streams hold `canonical` (its first listed prefix that does). */
export function videoOf(controls: DomainControls, canonical: string): VideoControls | undefined {
  return controls.videos.find((v) =>
    v.prefixes.some((p) => (p.endsWith('/') ? canonical.startsWith(p) : canonical === p)),
  )
}
