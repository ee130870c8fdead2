// Domain objects → native JSON (schemas.ts): dates as ISO strings, and only the fields the
// schema names, so a field added to the model never reaches the wire (or a secret) by accident.
import type * as M from '../../core/model.ts'
import type * as S from './schemas.ts'

export function presentPage<T, J>(
  page: { items: readonly T[]; total: number; page: number; pageSize: number },
  present: (item: T) => J,
): S.PageOf<J> {
  return {
    items: page.items.map(present),
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
  }
}

export function presentTenant(t: M.Tenant): S.Tenant {
  return { id: t.id, name: t.name, status: t.status, createdAt: t.createdAt.toISOString() }
}

export function presentAccessKey(k: M.AccessKey): S.AccessKey {
  return {
    id: k.id,
    tenantId: k.tenantId,
    protocol: k.protocol,
    keyId: k.keyId,
    status: k.status,
    description: k.description,
    createdAt: k.createdAt.toISOString(),
  }
}

export function presentVideo(v: M.Video): S.Video {
  return {
    id: v.id,
    tenantId: v.tenantId,
    referenceId: v.referenceId,
    title: v.title,
    description: v.description,
    tags: [...v.tags],
    coverUrl: v.coverUrl,
    duration: v.duration,
    size: v.size,
    status: v.status,
    auditStatus: v.auditStatus,
    settings: { ...v.settings },
    playDomain: v.playDomain,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  }
}

export function presentStream(s: M.Stream): S.Stream {
  return {
    id: s.id,
    videoId: s.videoId,
    format: s.format,
    definition: s.definition,
    width: s.width,
    height: s.height,
    bitrate: s.bitrate,
    fps: s.fps,
    size: s.size,
    duration: s.duration,
    location: s.location,
    status: s.status,
    encrypted: s.encrypted,
    createdAt: s.createdAt.toISOString(),
  }
}

export function presentPlayDomain(d: M.PlayDomain): S.PlayDomain {
  return {
    id: d.id,
    tenantId: d.tenantId,
    host: d.host,
    scheme: d.scheme,
    authEnabled: d.authEnabled,
    ttlSeconds: d.ttlSeconds,
    allowedOrigins: [...d.allowedOrigins],
    isDefault: d.isDefault,
    createdAt: d.createdAt.toISOString(),
  }
}

export function presentKeyRing(ring: M.KeyRing): S.KeyRing {
  return {
    primary: { id: ring.primary.id, secret: ring.primary.secret },
    backup: ring.backup && { id: ring.backup.id, secret: ring.backup.secret },
    rotatedAt: ring.rotatedAt && ring.rotatedAt.toISOString(),
  }
}

export function presentAuditEvent(e: M.AuditEvent): S.AuditEvent {
  return {
    id: e.id,
    tenantId: e.tenantId,
    kind: e.kind,
    subject: e.subject,
    reason: e.reason,
    detail: { ...e.detail },
    at: e.at.toISOString(),
  }
}

export function presentAlias(a: M.VideoAlias): S.VideoAlias {
  return {
    tenantId: a.tenantId,
    videoId: a.videoId,
    vendor: a.vendor,
    alias: a.alias,
    createdAt: a.createdAt.toISOString(),
  }
}

export function presentAccounts(a: M.VendorAccounts): S.VendorAccounts {
  return {
    ...(a.aliyun && { aliyun: { ...a.aliyun } }),
    ...(a.tencent && { tencent: { ...a.tencent } }),
  }
}
