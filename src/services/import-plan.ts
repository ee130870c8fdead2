// Checks a whole import document (schema, references, the database, the media) without writing,
// and turns a clean one into a Plan: normalised records with their media already probed.
import { toHex } from '../core/encoding/bytes.ts'
import type { MediaInfo } from '../core/media.ts'
import type { Definition, StreamFormat } from '../core/model.ts'
import type { Crypto } from '../core/ports.ts'
import { findAccessKeyWithSecret } from '../storage/repositories/access-keys.ts'
import { findPlayDomainWithKeys } from '../storage/repositories/play-domains.ts'
import { findVideo, findVideoByReference } from '../storage/repositories/videos.ts'
import type { ServiceDeps } from './deps.ts'
import {
  ImportDocumentSchema,
  schemaProblems,
  type Problem,
  type StreamDoc,
  type TenantDoc,
  type VideoDoc,
} from './import-document.ts'
import { checkVideoCatalog } from './import-catalog.ts'
import { locationProblem, probeAll } from './import-media.ts'
import { createVideoIndex, isRecord, list, salvage, type Salvaged } from './import-salvage.ts'
import type { Add, Unique } from './import-section.ts'
import { IMPORT_SECTIONS } from './import-sections.ts'
import { sortProblems } from './import-text.ts'
import { normalizeHost } from './play-domains.ts'
import { createVideos, definitionFor } from './videos.ts'

export interface PlannedStream {
  readonly doc: StreamDoc
  readonly format: StreamFormat
  readonly definition: Definition
  readonly info: MediaInfo
}

export interface PlannedVideo {
  readonly id: string
  readonly doc: VideoDoc
  readonly streams: readonly PlannedStream[]
}

export interface PlannedTenant {
  readonly doc: TenantDoc
  readonly videos: readonly PlannedVideo[]
  /** What each section's check found for its write, by section field. */
  readonly sections: ReadonlyMap<string, unknown>
}

export interface Plan {
  readonly tenants: readonly PlannedTenant[]
}

export interface CheckProgress {
  readonly done: number
  readonly total: number
}

export interface CheckOptions {
  /** Media probes in flight; DEFAULT_PROBE_CONCURRENCY when absent. */
  readonly probeConcurrency?: number
  readonly onProgress?: (p: CheckProgress) => void
}

export type CheckDeps = Pick<
  ServiceDeps,
  'db' | 'box' | 'crypto' | 'clock' | 'mediaProbe' | 'resolveMedia'
>

/**
 * The id a video without one gets: stable for a tenant and ReferenceId, so importing the same
 * file twice updates the video instead of creating a second one.
 */
export function importedVideoId(crypto: Crypto, tenantId: string, referenceId: string): string {
  return toHex(crypto.hash('sha256', `playgate-import\0${tenantId}\0${referenceId}`)).slice(0, 32)
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/

interface Draft {
  readonly videos: { id: string; doc: VideoDoc; streams: PlannedStream[] }[]
  readonly sections: Map<string, unknown>
}

/** Checks everything; returns every problem, and the plan when there are none. */
export async function planImport(
  deps: CheckDeps,
  doc: unknown,
  options: CheckOptions = {},
): Promise<{ problems: Problem[]; plan?: Plan }> {
  const problems: Problem[] = schemaProblems(ImportDocumentSchema, doc)
  const add: Add = (path, message) => problems.push({ path, message })
  const tenantsRaw = isRecord(doc) ? list(doc.tenants) : []

  const firstSeen = new Map<string, string>()
  const unique: Unique = (scope, key, path, what) => {
    const seenAt = firstSeen.get(`${scope}\0${key}`)
    if (seenAt !== undefined) add(path, `duplicate ${what} (first at ${seenAt})`)
    else firstSeen.set(`${scope}\0${key}`, path)
    return seenAt === undefined
  }
  const videos = createVideoIndex()
  const streamJobs: {
    path: string
    videoPath: string
    /** Where the probed stream goes: the planned video's list (a throwaway for a broken one). */
    streams: PlannedStream[]
    doc: StreamDoc
  }[] = []
  const drafts: Draft[] = []

  for (const [ti, raw] of tenantsRaw.entries()) {
    const path = `tenants[${ti}]`
    const draft: Draft = { videos: [], sections: new Map() }
    drafts.push(draft)
    const tenant = salvage(raw)
    if (!tenant) continue
    for (const broken of tenant.brokenVideos) videos.addBroken(tenant.id, broken)
    unique('tenant', tenant.id, `${path}.id`, `tenant id "${tenant.id}"`)
    await checkKeysAndDomains(deps, tenant, path, add, unique)
    const hosts = new Set(tenant.playDomains.flatMap((d) => (d ? [normalizeHost(d.host)] : [])))

    for (const [vi, video] of tenant.videos.entries()) {
      if (!video) continue
      const at = `${path}.videos[${vi}]`
      const doc = video.doc
      const id = doc && (await resolveVideoId(deps, tenant.id, doc, at, add))
      const ref = doc?.referenceId
      const what = `referenceId "${ref}"`
      const streams: PlannedStream[] = []
      if (
        doc &&
        id !== undefined &&
        (ref === undefined || unique(`ref\0${tenant.id}`, ref, `${at}.referenceId`, what)) &&
        unique('video', id, `${at}.id`, `video id "${id}"`)
      ) {
        const entry = { id, doc, streams }
        draft.videos.push(entry)
        videos.add(tenant.id, ref, entry)
        await checkVideoCatalog(deps, { id: tenant.id, hosts }, entry, at, add, unique)
      }
      // A video that cannot be written still has its media checked, for a complete report.
      for (const [si, stream] of video.streams.entries()) {
        if (!stream) continue
        const problem = locationProblem(stream.location)
        const streamAt = `${at}.streams[${si}]`
        if (problem) add(`${streamAt}.location`, problem)
        else streamJobs.push({ path: streamAt, videoPath: at, streams, doc: stream })
      }
    }

    const ctx = {
      deps,
      raw: { ...(raw as object), id: tenant.id },
      tenant,
      path,
      add,
      unique,
      videos,
    }
    for (const section of IMPORT_SECTIONS)
      draft.sections.set(section.field, await section.check(ctx))
  }

  // Media last: it is the slow part, and the caller shows progress for it.
  const outcomes = await probeAll(streamJobs, createVideos(deps).probeLocation, {
    concurrency: options.probeConcurrency,
    onProgress: options.onProgress,
  })
  await deps.mediaProbe.flush?.()
  for (const [n, job] of streamJobs.entries()) {
    const outcome = outcomes[n]!
    if (!outcome.ok) {
      add(outcome.path, outcome.message)
      continue
    }
    const { info } = outcome
    const definition = job.doc.definition ?? definitionFor(info.height)
    const key = `${info.format} ${definition}`
    if (unique(`stream\0${job.videoPath}`, key, job.path, `${key} stream of this video`))
      job.streams.push({ doc: job.doc, format: info.format, definition, info })
  }

  if (problems.length > 0) return { problems: sortProblems(problems) }
  // No problems: every tenant passed the schema whole, so the raw documents are TenantDocs.
  const tenants = drafts.map((draft, i) => ({ doc: tenantsRaw[i] as TenantDoc, ...draft }))
  return { problems: [], plan: { tenants } }
}

async function checkKeysAndDomains(
  deps: CheckDeps,
  tenant: Salvaged,
  path: string,
  add: Add,
  unique: Unique,
): Promise<void> {
  for (const [ki, key] of tenant.accessKeys.entries()) {
    if (!key) continue
    const at = `${path}.accessKeys[${ki}].keyId`
    const what = `${key.protocol} access key "${key.keyId}"`
    if (!unique('key', `${key.protocol}\0${key.keyId}`, at, what)) continue
    const stored = await findAccessKeyWithSecret(deps.db, deps.box, key.protocol, key.keyId)
    if (stored && stored.tenantId !== tenant.id)
      add(at, `${what} belongs to another tenant (${stored.tenantId})`)
  }

  let defaultAt: string | undefined
  for (const [di, domain] of tenant.playDomains.entries()) {
    if (!domain) continue
    const at = `${path}.playDomains[${di}]`
    const host = normalizeHost(domain.host)
    if (!HOST.test(host)) {
      add(`${at}.host`, 'must be a host name such as media.example.com')
      continue
    }
    if (domain.isDefault) {
      if (defaultAt)
        add(`${at}.isDefault`, `only one default play domain per tenant (${defaultAt})`)
      defaultAt ??= at
    }
    if (!unique('host', host, `${at}.host`, `play domain host "${host}"`)) continue
    const stored = await findPlayDomainWithKeys(deps.db, deps.box, { host })
    if (stored && stored.tenantId !== tenant.id)
      add(`${at}.host`, `play domain "${host}" belongs to another tenant (${stored.tenantId})`)
  }
}

async function resolveVideoId(
  deps: CheckDeps,
  tenantId: string,
  video: VideoDoc,
  at: string,
  add: Add,
): Promise<string | undefined> {
  const byReference =
    video.referenceId === undefined
      ? undefined
      : await findVideoByReference(deps.db, tenantId, video.referenceId)
  if (video.id === undefined) {
    if (video.referenceId === undefined) {
      add(at, 'needs an id or a referenceId, so that importing it again updates it')
      return undefined
    }
    return byReference?.id ?? importedVideoId(deps.crypto, tenantId, video.referenceId)
  }
  const stored = await findVideo(deps.db, video.id)
  if (stored && stored.tenantId !== tenantId) {
    add(`${at}.id`, `video ${video.id} belongs to another tenant (${stored.tenantId})`)
    return undefined
  }
  if (byReference && byReference.id !== video.id) {
    add(
      `${at}.referenceId`,
      `referenceId "${video.referenceId}" is already used by video ${byReference.id}`,
    )
    return undefined
  }
  return video.id
}
