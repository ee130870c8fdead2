// Viewing sessions held as leases in shared state. HLS has no connection, so each playlist or
// segment fetch renews the lease of (credential, client address); a quiet session frees its slot
// when its lease ends. Caps: distinct addresses per credential, concurrent sessions per viewer.
import { toHex } from '../core/encoding/bytes.ts'
import { AppError } from '../core/errors.ts'
import { DEFAULT_SESSION_IDLE_SECONDS, type ViewerCaps } from '../core/policy/viewer-policy.ts'
import type { ServiceDeps } from './deps.ts'

/** Most sessions a tenant's listing holds; the index is a lease set, so this bounds it. */
const MAX_LISTED_SESSIONS = 100_000

export interface SessionRequest {
  readonly tenantId: string
  readonly domainId: string
  readonly credentialId: string
  readonly viewerId: string | undefined
  readonly videoId: string | undefined
  readonly clientIp: string
  readonly userAgent: string | undefined
  readonly path: string
}

export interface ViewerSession {
  readonly id: string
  readonly domainId: string
  readonly credentialId: string
  readonly viewerId: string | null
  readonly videoId: string | null
  readonly clientIp: string
  readonly userAgent: string
  readonly startedAt: string
  readonly lastSeenAt: string
  readonly path: string
}

export type SessionVerdict = 'admitted' | 'credential-ip-cap' | 'viewer-session-cap'

export function createViewerSessions(deps: Pick<ServiceDeps, 'state' | 'crypto' | 'clock'>) {
  const ipsKey = (credentialId: string) => `vc:ips:${credentialId}`
  const viewerKey = (tenantId: string, viewerId: string) => `vc:viewer:${tenantId}:${viewerId}`
  const indexKey = (tenantId: string) => `vc:sessions:${tenantId}`
  const infoKey = (id: string) => `vc:session:${id}`
  /** When this replica last wrote a session's record (to write it at most every idle/3). */
  const written = new Map<string, number>()
  /** When this replica last renewed a session's leases, and under which caps. */
  const renewed = new Map<string, { at: number; caps: ViewerCaps }>()

  const sessionId = (credentialId: string, clientIp: string) =>
    'vs_' + toHex(deps.crypto.hash('sha256', `${credentialId}\n${clientIp}`)).slice(0, 20)

  async function writeInfo(id: string, request: SessionRequest, idle: number): Promise<void> {
    const now = deps.clock.now()
    const last = written.get(id)
    if (last !== undefined && now - last < (idle * 1000) / 3) return
    if (written.size > 100_000) written.clear()
    written.set(id, now)
    const previous = last === undefined ? await deps.state.get(infoKey(id)) : undefined
    const startedAt = previous
      ? (JSON.parse(previous) as ViewerSession).startedAt
      : new Date(now).toISOString()
    const session: ViewerSession = {
      id,
      domainId: request.domainId,
      credentialId: request.credentialId,
      viewerId: request.viewerId ?? null,
      videoId: request.videoId ?? null,
      clientIp: request.clientIp,
      userAgent: (request.userAgent ?? '').slice(0, 300),
      startedAt,
      lastSeenAt: new Date(now).toISOString(),
      path: request.path,
    }
    await deps.state.set(infoKey(id), JSON.stringify(session), idle)
  }

  const usesKey = (credentialId: string) => `vc:uses:${credentialId}`

  return {
    /**
     * Takes one use of a usage-limited credential (`maxUses`), kept until it expires (`ttlSeconds`
     * from now): false when none is left. Rejects (UNAVAILABLE) without shared state.
     */
    use: (credentialId: string, maxUses: number, ttlSeconds: number) =>
      deps.state.consume(usesKey(credentialId), maxUses, Math.max(1, Math.ceil(ttlSeconds))),
    /** Gives back a use taken by a request that then failed. */
    giveBack: (credentialId: string) => deps.state.refund(usesKey(credentialId)),
    /**
     * Renews the session of this request (credential and address) within `caps`; a refused
     * request holds no slot. Shared-state failures reject (UNAVAILABLE): caps fail closed.
     */
    async admit(request: SessionRequest, caps: ViewerCaps): Promise<SessionVerdict> {
      const idle = caps.idleSeconds ?? DEFAULT_SESSION_IDLE_SECONDS
      const id = sessionId(request.credentialId, request.clientIp)
      // Renewed by this replica within a third of its lease under the same caps: its leases
      // still hold on every replica, so no shared-state round trip is needed.
      const now = deps.clock.now()
      const recent = renewed.get(id)
      if (recent && recent.caps === caps && now - recent.at < (idle * 1000) / 3) return 'admitted'
      const viewer = caps.maxSessionsPerViewer !== null && request.viewerId !== undefined
      const [ips, sessions] = await Promise.all([
        caps.maxIpsPerCredential === null
          ? true
          : deps.state.lease(
              ipsKey(request.credentialId),
              request.clientIp,
              caps.maxIpsPerCredential,
              idle,
            ),
        viewer
          ? deps.state.lease(
              viewerKey(request.tenantId, request.viewerId),
              id,
              caps.maxSessionsPerViewer,
              idle,
            )
          : true,
        deps.state.lease(indexKey(request.tenantId), id, MAX_LISTED_SESSIONS, idle),
      ])
      if (ips && sessions) {
        await writeInfo(id, request, idle)
        if (renewed.size > 100_000) renewed.clear()
        renewed.set(id, { at: now, caps })
        return 'admitted'
      }
      // Give back what this request took, so a refused one holds no slot anywhere.
      const undo: Promise<void>[] = [deps.state.release(indexKey(request.tenantId), id)]
      if (ips && caps.maxIpsPerCredential !== null)
        undo.push(deps.state.release(ipsKey(request.credentialId), request.clientIp))
      if (sessions && viewer)
        undo.push(deps.state.release(viewerKey(request.tenantId, request.viewerId), id))
      await Promise.all(undo)
      return ips ? 'viewer-session-cap' : 'credential-ip-cap'
    },

    /** Live sessions of a tenant, most recently seen first. */
    async list(tenantId: string): Promise<ViewerSession[]> {
      const ids = await deps.state.leases(indexKey(tenantId))
      const records = await Promise.all(ids.map((id) => deps.state.get(infoKey(id))))
      return records
        .flatMap((r) => (r === undefined ? [] : [JSON.parse(r) as ViewerSession]))
        .sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt) || a.id.localeCompare(b.id))
    },

    async get(tenantId: string, id: string): Promise<ViewerSession> {
      const live = await deps.state.leases(indexKey(tenantId))
      const record = live.includes(id) ? await deps.state.get(infoKey(id)) : undefined
      if (record === undefined)
        throw new AppError('NOT_FOUND', `session ${id} not found`, {
          details: { resource: 'session' },
        })
      return JSON.parse(record) as ViewerSession
    },

    /** Frees a session's slots at once (its credential is revoked by the caller). */
    async end(tenantId: string, session: ViewerSession): Promise<void> {
      written.delete(session.id)
      renewed.delete(session.id)
      await Promise.all([
        deps.state.release(indexKey(tenantId), session.id),
        deps.state.release(ipsKey(session.credentialId), session.clientIp),
        session.viewerId === null
          ? undefined
          : deps.state.release(viewerKey(tenantId, session.viewerId), session.id),
        deps.state.delete(infoKey(session.id)),
      ])
    },
  }
}

export type ViewerSessions = ReturnType<typeof createViewerSessions>
