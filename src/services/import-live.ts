// Import of a tenant's live streams (docs/import.md `liveStreams`): each names a play domain of
// the tenant (in the file or stored), AppName/StreamName, the HLS location, an optional video of
// the file or the catalog, and a push key. Written through the live-streams service, by
// (domain, AppName, StreamName), so every replica's edge forgets the streams it changed.
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { isAppError } from '../core/errors.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import { findVideo, findVideoByReference } from '../storage/repositories/videos.ts'
import type { ServiceDeps } from './deps.ts'
import type { TenantDoc } from './import-document.ts'
import { section, type Add, type SectionCheck, type SectionWrite } from './import-section.ts'
import { checkLiveLocation, checkStreamName } from './live-streams.ts'
import { normalizeHost } from './play-domains.ts'

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const LiveStreamDocSchema = Type.Object(
  {
    playDomain: Text(253),
    appName: Type.Optional(Text(128)),
    streamName: Text(128),
    location: Text(2048),
    videoId: Type.Optional(Text(64)),
    videoReferenceId: Type.Optional(Text(128)),
    enabled: Type.Optional(Type.Boolean()),
    /** Absent: kept (generated for a new stream); null: publishing refused. */
    pushKey: Type.Optional(Type.Union([Text(128), Type.Null()])),
  },
  { additionalProperties: false },
)
export type LiveStreamDoc = Static<typeof LiveStreamDocSchema>

/** The planner's view of the file's videos (import-plan.ts createVideoIndex). */
interface FileVideos {
  find(tenantId: string, by: 'id' | 'ref', value: string): { readonly id: string } | undefined
  isBroken(tenantId: string, by: 'id' | 'ref', value: string): boolean
}

type Deps = Pick<ServiceDeps, 'db' | 'box'>

/** Each item checked on its own; a wrong one becomes a hole so the others keep their paths. */
function salvageLiveStreams(raw: unknown): (LiveStreamDoc | undefined)[] {
  return Array.isArray(raw)
    ? raw.map((s) => (Value.Check(LiveStreamDocSchema, s) ? s : undefined))
    : []
}

/** The service's rule, worded as an import problem ("must be …"). */
function ruleProblem(check: () => unknown): string | undefined {
  try {
    check()
    return undefined
  } catch (error) {
    if (!isAppError(error)) throw error
    return error.message.replace(/^\w+ /, '')
  }
}

async function checkLiveStreams({ deps, raw, tenant, path, add, unique, videos }: SectionCheck) {
  const liveStreams = salvageLiveStreams(raw.liveStreams)
  const inFile = new Set(tenant.playDomains.flatMap((d) => (d ? [normalizeHost(d.host)] : [])))
  for (const [i, doc] of liveStreams.entries()) {
    if (!doc) continue
    const at = `${path}.liveStreams[${i}]`
    const host = normalizeHost(doc.playDomain)
    if (!inFile.has(host)) {
      const stored = await findPlayDomainWithKeys(deps.db, deps.box, { host })
      if (!stored)
        add(`${at}.playDomain`, `unknown play domain "${host}" (add it under playDomains)`)
      else if (stored.tenantId !== tenant.id)
        add(
          `${at}.playDomain`,
          `play domain "${host}" belongs to another tenant (${stored.tenantId})`,
        )
    }
    const appName = doc.appName ?? 'live'
    const problems = {
      appName: ruleProblem(() => checkStreamName(appName, 'appName')),
      streamName: ruleProblem(() => checkStreamName(doc.streamName, 'streamName')),
      location: ruleProblem(() => checkLiveLocation(doc.location)),
    }
    for (const [field, problem] of Object.entries(problems))
      if (problem) add(`${at}.${field}`, problem)
    const name = `${appName}/${doc.streamName}`
    unique('live', `${host}\0${name}`, `${at}.streamName`, `live stream ${name} of "${host}"`)
    await checkVideo(deps, tenant.id, doc, at, add, videos)
  }
}

async function checkVideo(
  deps: Deps,
  tenantId: string,
  doc: LiveStreamDoc,
  at: string,
  add: Add,
  videos: FileVideos,
): Promise<void> {
  if (doc.videoId !== undefined && doc.videoReferenceId !== undefined)
    return add(at, 'needs at most one of videoId and videoReferenceId')
  const [by, value, field] =
    doc.videoId !== undefined
      ? (['id', doc.videoId, 'videoId'] as const)
      : doc.videoReferenceId !== undefined
        ? (['ref', doc.videoReferenceId, 'videoReferenceId'] as const)
        : []
  if (by === undefined) return
  if (videos.find(tenantId, by, value) || videos.isBroken(tenantId, by, value)) return
  const stored =
    by === 'id'
      ? await findVideo(deps.db, value)
      : await findVideoByReference(deps.db, tenantId, value)
  if (!stored || stored.tenantId !== tenantId)
    add(`${at}.${field}`, `unknown video "${value}" (not in the file nor this tenant's catalog)`)
}

/** Runs after play domains and videos are written. */
async function writeLiveStreams(doc: TenantDoc, _plan: unknown, ctx: SectionWrite): Promise<void> {
  const { db } = ctx.writes
  for (const live of doc.liveStreams ?? []) {
    // Planned: the domain is this tenant's and the video exists (written just before).
    const host = normalizeHost(live.playDomain)
    const domain = (await findPlayDomainWithKeys(db, ctx.deps.box, { host }))!
    const videoId =
      live.videoId ??
      (live.videoReferenceId === undefined
        ? null
        : (await findVideoByReference(db, ctx.tenantId, live.videoReferenceId))!.id)
    const outcome = await ctx.services.liveStreams.put(ctx.writes, {
      tenantId: ctx.tenantId,
      playDomainId: domain.id,
      appName: live.appName ?? 'live',
      streamName: live.streamName,
      location: live.location,
      videoId,
      enabled: live.enabled ?? true,
      ...(live.pushKey === undefined ? {} : { pushKey: live.pushKey }),
    })
    ctx.count('liveStreams', outcome)
  }
}

export const liveStreamsSection = section({
  field: 'liveStreams',
  check: checkLiveStreams,
  count: (doc) => doc.liveStreams?.length ?? 0,
  write: writeLiveStreams,
})
