// Viewing sessions held as leases in shared state. HLS has no connection, so each playlist or
// segment fetch renews the lease of (credential, client address); a quiet session frees its slot
// when its lease ends. Caps: distinct addresses per credential, concurrent sessions per viewer.
import { toHex } from '../core/encoding/bytes.ts'
import { notFound } from '../core/errors.ts'
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
  /** Body bytes of the playlists, segments and files the edge sent in this session. */
  readonly bytes: number
}

/** An admitted request's session, to add what its response sends to (`served`). */
export interface SessionRef {
  readonly id: string
  readonly idleSeconds: number
}

export type SessionVerdict =
  | { readonly ok: true; readonly session: SessionRef }
  | { readonly ok: false; readonly reason: 'credential-ip-cap' | 'viewer-session-cap' }

type SessionRecord = Omit<ViewerSession, 'bytes'>

export function createViewerSessions(deps: Pick<ServiceDeps, 'state' | 'crypto' | 'clock'>) {
  const ipsKey = (credentialId: string) => `vc:ips:${credentialId}`
  const viewerKey = (tenantId: string, viewerId: string) => `vc:viewer:${tenantId}:${viewerId}`
  const indexKey = (tenantId: string) => `vc:sessions:${tenantId}`
  const infoKey = (id: string) => `vc:session:${id}`
  const bytesKey = (id: string) => `vc:bytes:${id}`
  /** When this replica last wrote a session's record (to write it at most every idle/3). */
  const written = new Map<string, { at: number; startedAt: string }>()
  /** When this replica last renewed a session's leases, and under which caps. */
  const renewed = new Map<string, { at: number; caps: ViewerCaps }>()

  const sessionId = (credentialId: string, clientIp: string) =>
    'vs_' + toHex(deps.crypto.hash('sha256', `${credentialId}\n${clientIp}`)).slice(0, 20)

  async function writeInfo(id: string, request: SessionRequest, idle: number): Promise<void> {
    const now = deps.clock.now()
    const last = written.get(id)
    if (last !== undefined && now - last.at < (idle * 1000) / 3) return
    // Another replica may have started it, or it lapsed since this one last wrote it.
    let startedAt = last !== undefined && now - last.at < idle * 1000 ? last.startedAt : undefined
    if (startedAt === undefined) {
      const previous = await deps.state.get(infoKey(id))
      startedAt = previous ? (JSON.parse(previous) as SessionRecord).startedAt : undefined
    }
    const fresh = startedAt === undefined
    startedAt ??= new Date(now).toISOString()
    if (written.size > 100_000) written.clear()
    written.set(id, { at: now, startedAt })
    const session: SessionRecord = {
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
    await Promise.all([
      deps.state.set(infoKey(id), JSON.stringify(session), idle),
      // A new session counts from zero, not from what a lapsed one of the same id left.
      fresh ? deps.state.delete(bytesKey(id)) : undefined,
    ])
  }

  // Bytes served: one add per response, and while a session's add is in flight the next
  // responses' bytes wait and go in one add (a busy session costs one call at a time).
  const flying = new Map<string, Promise<void>>()
  const waiting = new Map<string, { session: SessionRef; bytes: number }>()

  function sendBytes(session: SessionRef, bytes: number): void {
    const sent = deps.state
      // Outlives the record (idle, renewed at most every idle/3), so a listed session has it.
      .add(bytesKey(session.id), bytes, session.idleSeconds * 2)
      // Informational: bytes that cannot be added (shared state down) are dropped.
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        flying.delete(session.id)
        const next = waiting.get(session.id)
        if (next === undefined) return
        waiting.delete(session.id)
        sendBytes(next.session, next.bytes)
      })
    flying.set(session.id, sent)
  }

  async function withBytes(records: (string | undefined)[]): Promise<ViewerSession[]> {
    const sessions = records.flatMap((r) =>
      r === undefined ? [] : [JSON.parse(r) as SessionRecord],
    )
    const bytes = await Promise.all(sessions.map((s) => deps.state.get(bytesKey(s.id))))
    return sessions.map((s, i) => ({ ...s, bytes: Number(bytes[i] ?? 0) }))
  }

  /** Until the adds this replica has started are done, so its own listing shows them. */
  async function settled(): Promise<void> {
    while (flying.size > 0) await Promise.all(flying.values())
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
      const session = { id, idleSeconds: idle }
      if (recent && recent.caps === caps && now - recent.at < (idle * 1000) / 3)
        return { ok: true, session }
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
        return { ok: true, session }
      }
      // Give back what this request took, so a refused one holds no slot anywhere.
      const undo: Promise<void>[] = [deps.state.release(indexKey(request.tenantId), id)]
      if (ips && caps.maxIpsPerCredential !== null)
        undo.push(deps.state.release(ipsKey(request.credentialId), request.clientIp))
      if (sessions && viewer)
        undo.push(deps.state.release(viewerKey(request.tenantId, request.viewerId), id))
      await Promise.all(undo)
      return { ok: false, reason: ips ? 'viewer-session-cap' : 'credential-ip-cap' }
    },

    /** Adds `bytes` a response of `session` sent; never rejects, never waits for shared state. */
    served(session: SessionRef, bytes: number): void {
      if (!(bytes > 0)) return
      const queued = waiting.get(session.id)
      if (queued !== undefined) queued.bytes += bytes
      else if (flying.has(session.id)) waiting.set(session.id, { session, bytes })
      else sendBytes(session, bytes)
    },

    settled,

    /** Live sessions of a tenant, most recently seen first. */
    async list(tenantId: string): Promise<ViewerSession[]> {
      await settled()
      const ids = await deps.state.leases(indexKey(tenantId))
      const records = await Promise.all(ids.map((id) => deps.state.get(infoKey(id))))
      return (await withBytes(records)).sort(
        (a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt) || a.id.localeCompare(b.id),
      )
    },

    async get(tenantId: string, id: string): Promise<ViewerSession> {
      await settled()
      const live = await deps.state.leases(indexKey(tenantId))
      const record = live.includes(id) ? await deps.state.get(infoKey(id)) : undefined
      const [session] = await withBytes([record])
      if (session === undefined) throw notFound('session', id)
      return session
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
        deps.state.delete(bytesKey(session.id)),
      ])
    },
  }
}

export type ViewerSessions = ReturnType<typeof createViewerSessions>
