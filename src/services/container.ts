// Builds every use case from ServiceDeps once; composition roots and test helpers call this.
import { createAccessKeys } from './access-keys.ts'
import { createPlayAuthKeyRing } from './aliyun-play-auth-keys.ts'
import { createAliyunPlayback } from './aliyun-playback.ts'
import { createAdminAuth } from './admin-auth.ts'
import { createAudit } from './audit.ts'
import { createCaches } from './caches.ts'
import type { ServiceDeps } from './deps.ts'
import { createDingtalkApps } from './dingtalk-apps.ts'
import { createDingtalkCatalog } from './dingtalk-catalog.ts'
import { createDingtalkConferences } from './dingtalk-conferences.ts'
import { createDingtalkTokens } from './dingtalk-tokens.ts'
import { createLiveAuth } from './live-auth.ts'
import { createLivePlayAuth } from './live-play-auth.ts'
import { createLiveStreams } from './live-streams.ts'
import { createPlayback } from './playback.ts'
import { createPlayDomains } from './play-domains.ts'
import { createPlayProtection } from './play-protection.ts'
import { createPlayUrls } from './play-urls.ts'
import { createRateLimiter } from './rate-limiter.ts'
import { createReplayGuard } from './replay-guard.ts'
import { createRevocationList } from './revocations.ts'
import { createTenants } from './tenants.ts'
import { createVideos } from './videos.ts'
import { createAuthCallbacks } from './auth-callbacks.ts'
import { createEdgeControls } from './edge-controls.ts'
import { createImporter } from './import.ts'
import { createViewerControls } from './viewer-controls.ts'
import { createViewerSessions } from './viewer-sessions.ts'

export function createServices(deps: ServiceDeps) {
  const audit = createAudit(deps)
  // One set of caches per runtime: one subscription to the invalidations of every replica.
  const caches = createCaches(deps)
  const rateLimiter = createRateLimiter(deps.state, deps.clock)
  const revocations = createRevocationList(deps.state, deps.clock)
  const accessKeys = createAccessKeys(deps, audit, {
    // A disabled or deleted app's token dies with it, on every replica (shared state).
    onRetired: (key) =>
      key.protocol === 'dingtalk' ? dingtalkTokens.revokeApp(key.id) : Promise.resolve(),
    caches,
  })
  const dingtalkTokens = createDingtalkTokens(deps, accessKeys)
  const playUrls = createPlayUrls(deps)
  const videos = createVideos(deps, caches)
  const playDomains = createPlayDomains(deps, audit, caches)
  const liveStreams = createLiveStreams(deps, { playDomains, playUrls }, caches)
  const playAuthKeys = createPlayAuthKeyRing(deps, audit, caches)
  const edgeControls = createEdgeControls(deps)
  const viewerControls = createViewerControls(deps, { audit, edgeControls, playDomains })
  const playback = createPlayback(deps, {
    videos,
    playDomains,
    playUrls,
    audit,
    viewerControls,
  })
  const viewerSessions = createViewerSessions(deps)
  // A suspended tenant's keys stop authenticating on every replica at once; a removed tenant's
  // keys and videos are gone with it and cannot be named, so every key and video is dropped then.
  const tenants = createTenants(deps, {
    onChange: (id, removed) =>
      removed
        ? Promise.all([accessKeys.invalidate(), videos.forgetAll()]).then(() => undefined)
        : accessKeys.forgetTenant(id),
    caches,
    audit,
  })
  const protection = createPlayProtection(deps, { audit, rateLimiter, videos, playback })
  return {
    deps,
    caches,
    audit,
    rateLimiter,
    replayGuard: createReplayGuard(deps.state, deps.crypto),
    revocations,
    playUrls,
    tenants,
    accessKeys,
    adminAuth: createAdminAuth(deps),
    videos,
    playDomains,
    liveStreams,
    livePlayAuth: createLivePlayAuth(deps, { playDomains }),
    liveAuth: createLiveAuth(deps, { playDomains, liveStreams, edgeControls }, caches),
    playAuthKeys,
    playback,
    aliyunPlayback: createAliyunPlayback(deps, {
      playback,
      keyRing: playAuthKeys,
      aliyunAccount: async (tenantId) => (await tenants.accountsCached(tenantId)).aliyun,
    }),
    ...protection,
    importer: createImporter(deps, {
      audit,
      tenants,
      accessKeys,
      playDomains,
      playPasswords: protection.playPasswords,
      liveStreams,
      edgeControls,
      videos,
    }),
    dingtalkTokens,
    dingtalkApps: createDingtalkApps(deps, accessKeys),
    dingtalkCatalog: createDingtalkCatalog(deps, { videos }),
    dingtalkConferences: createDingtalkConferences(deps),
    edgeControls,
    viewerControls,
    viewerSessions,
    authCallbacks: createAuthCallbacks(deps),
    /** Ends a live session and revokes its credential, so it stops working at once. */
    async kickSession(tenantId: string, sessionId: string, reason = 'kicked') {
      const session = await viewerSessions.get(tenantId, sessionId)
      await viewerControls.revoke(tenantId, {
        kind: 'credential',
        value: session.credentialId,
        reason,
        domainId: session.domainId,
      })
      await viewerSessions.end(tenantId, session)
      await audit.record({ tenantId, kind: 'session.kicked', subject: sessionId, reason })
      return session
    },
  }
}

export type Services = ReturnType<typeof createServices>
