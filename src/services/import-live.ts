// Import of a tenant's live streams (docs/import.md `liveStreams`): each names a play domain of
// the tenant (in the file or stored), AppName/StreamName, the HLS location, an optional video of
// the file or the catalog, and a push key. Upserted by (domain, AppName, StreamName).
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { isAppError } from '../core/errors.ts'
import { newId } from '../core/ids.ts'
import type { LiveStreamWithKey } from '../core/model.ts'
import type { Db } from '../storage/db.ts'
import { findLiveStreamWithKey, upsertLiveStream } from '../storage/repositories/live-streams.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import { findVideo, findVideoByReference } from '../storage/repositories/videos.ts'
import type { ServiceDeps } from './deps.ts'
import { outcomeOf, type Outcome } from './import-compare.ts'
import { checkLiveLocation, checkStreamName } from './live-streams.ts'
import { normalizeHost } from './play-domains.ts'
import { randomString } from './secrets.ts'

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

type Add = (path: string, message: string) => void
type Unique = (scope: string, key: string, path: string, what: string) => boolean
type Deps = Pick<ServiceDeps, 'db' | 'box'>

/** Each item checked on its own; a wrong one becomes a hole so the others keep their paths. */
export function salvageLiveStreams(raw: unknown): (LiveStreamDoc | undefined)[] {
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

export async function checkLiveStreams(
  deps: Deps,
  tenant: {
    readonly id: string
    readonly playDomains: readonly ({ readonly host: string } | undefined)[]
    readonly liveStreams: readonly (LiveStreamDoc | undefined)[]
  },
  path: string,
  add: Add,
  unique: Unique,
  videos: FileVideos,
): Promise<void> {
  const inFile = new Set(tenant.playDomains.flatMap((d) => (d ? [normalizeHost(d.host)] : [])))
  for (const [i, doc] of tenant.liveStreams.entries()) {
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

function state(s: LiveStreamWithKey) {
  return {
    tenantId: s.tenantId,
    location: s.location,
    videoId: s.videoId,
    enabled: s.enabled,
    pushKey: s.pushKey,
  }
}

/** Runs inside the importer's transaction, after play domains and videos are written. */
export async function writeLiveStreams(
  deps: { readonly db: Db } & Pick<ServiceDeps, 'box' | 'crypto'>,
  tenantId: string,
  docs: readonly LiveStreamDoc[],
  now: Date,
  count: (kind: 'liveStreams', outcome: Outcome) => void,
): Promise<void> {
  const { db, box } = deps
  for (const doc of docs) {
    // Planned: the domain is this tenant's and the video exists (written just before).
    const domain = (await findPlayDomainWithKeys(db, box, { host: normalizeHost(doc.playDomain) }))!
    const videoId =
      doc.videoId ??
      (doc.videoReferenceId === undefined
        ? null
        : (await findVideoByReference(db, tenantId, doc.videoReferenceId))!.id)
    const key = {
      playDomainId: domain.id,
      appName: doc.appName ?? 'live',
      streamName: doc.streamName,
    }
    const stored = await findLiveStreamWithKey(db, box, key)
    const next: LiveStreamWithKey = {
      id: stored?.id ?? newId(deps.crypto, 'liveStream'),
      tenantId,
      ...key,
      location: checkLiveLocation(doc.location),
      videoId,
      enabled: doc.enabled ?? true,
      pushKey:
        doc.pushKey === undefined
          ? stored
            ? stored.pushKey
            : randomString(deps.crypto, 32)
          : doc.pushKey,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
    }
    const outcome = outcomeOf(stored, stored && state(stored), state(next))
    if (outcome !== 'unchanged') await upsertLiveStream(db, box, next)
    count('liveStreams', outcome)
  }
}
