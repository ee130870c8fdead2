// Import of a tenant's Polyv section (docs/import.md, `polyv`): the account's playsafe settings
// and, per video named by its Polyv vid (its `polyv` vendor alias, as the dialect resolves it)
// or its id (with a vid: the alias it gets), the Polyv fields (qid, isShowPassword, publishUrl, authplay) and labelled play
// passwords, given in clear like every imported secret and sealed at rest (through the play
// passwords service: each change audited, what the old one unlocked stopped). Checked against the
// file and the store; written inside the importer's transaction, after the videos.
import { Type, type Static } from '@sinclair/typebox'
import { HLS_LEVELS, type Video } from '../core/model.ts'
import { PLAY_PASSWORD, textSchema } from '../core/fields.ts'
import type { Db } from '../storage/db.ts'
import {
  findPlaysafeSettings,
  savePlaysafeSettings,
} from '../storage/repositories/playsafe-settings.ts'
import { findVideoAlias, insertVideoAlias } from '../storage/repositories/video-aliases.ts'
import { findVideo, updateVideo } from '../storage/repositories/videos.ts'
import type { TenantDoc } from './import-document.ts'
import type { PlannedVideo } from './import-plan.ts'
import { section, type SectionCheck, type SectionWrite } from './import-section.ts'
import { forgetAfterCommit } from './import-videos.ts'
import { outcomeOf } from './outcome.ts'
import { PASSWORD_LABEL } from './play-passwords.ts'
import { POLYV_SETTINGS } from './polyv-videos.ts'

const Closed = { additionalProperties: false } as const
const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)))

export const PolyvPasswordDocSchema = Type.Object(
  {
    label: Type.String({
      pattern: PASSWORD_LABEL.source,
      problem: 'must be 1-64 letters, digits, ".", "_" or "-"',
    }),
    /** '' removes the password of this label. */
    password: Type.String({ ...textSchema(PLAY_PASSWORD), problem: PLAY_PASSWORD.problem }),
  },
  Closed,
)

export const PolyvVideoDocSchema = Type.Object(
  {
    vid: Type.Optional(
      Type.String({
        pattern: '^[0-9a-f]{32}_[0-9a-z]+$',
        problem: 'must be a Polyv vid: 32 lower-case hex characters, "_" and a suffix',
      }),
    ),
    videoId: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{32}$', problem: 'must be 32 lower-case hex characters' }),
    ),
    qid: Type.Optional(Type.String({ maxLength: 256 })),
    isShowPassword: Type.Optional(Type.Boolean()),
    publishUrl: Type.Optional(Type.String({ maxLength: 2048 })),
    authplay: Type.Optional(Type.Boolean()),
    passwords: Type.Optional(Type.Array(PolyvPasswordDocSchema, { maxItems: 100 })),
  },
  Closed,
)

export const PolyvDocSchema = Type.Object(
  {
    playsafe: Type.Optional(
      Type.Object(
        { encrypt: Type.Optional(Type.Boolean()), hlsLevel: Type.Optional(oneOf(HLS_LEVELS)) },
        Closed,
      ),
    ),
    videos: Type.Optional(Type.Array(PolyvVideoDocSchema)),
  },
  Closed,
)

type PolyvVideoDoc = Static<typeof PolyvVideoDocSchema>

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** Checks the `polyv` section of a raw tenant (schema problems are the planner's). */
async function checkPolyv({ deps, raw: tenant, path, add }: SectionCheck): Promise<void> {
  const section = tenant.polyv
  if (!isRecord(section)) return
  const fileVideos = list(tenant.videos).filter(isRecord)
  /** The file's video with this polyv alias. */
  const aliasInFile = (vid: string) =>
    fileVideos.find((v) =>
      list(v.aliases).some((a) => isRecord(a) && a.vendor === 'polyv' && a.alias === vid),
    )
  const seen = new Map<string, string>()
  for (const [vi, raw] of list(section.videos).entries()) {
    if (!isRecord(raw)) continue
    const at = `${path}.polyv.videos[${vi}]`
    const vid = typeof raw.vid === 'string' ? raw.vid : undefined
    const videoId = typeof raw.videoId === 'string' ? raw.videoId : undefined
    if (vid === undefined && videoId === undefined) {
      add(at, 'needs a vid or a videoId')
      continue
    }
    const field = videoId !== undefined ? 'videoId' : 'vid'
    const value = (videoId ?? vid)!
    const first = seen.get(value)
    if (first !== undefined) add(`${at}.${field}`, `duplicate video (first at ${first})`)
    else seen.set(value, `${at}.${field}`)
    const fileVideo = vid === undefined ? undefined : aliasInFile(vid)
    const stored =
      vid === undefined ? undefined : await findVideoAlias(deps.db, tenant.id, 'polyv', vid)
    if (videoId === undefined) {
      if (!fileVideo && !stored)
        add(`${at}.vid`, `unknown vid "${vid}" (no video of this tenant has it as its polyv alias)`)
    } else {
      const known =
        fileVideos.some((v) => v.id === videoId) ||
        (await findVideo(deps.db, videoId))?.tenantId === tenant.id
      // With a videoId, the vid is the alias that video gets: it must not name another one.
      const other = fileVideo
        ? fileVideo.id !== videoId &&
          (typeof fileVideo.id === 'string' ? fileVideo.id : 'of the file')
        : stored && stored.videoId !== videoId && stored.videoId
      if (!known) add(`${at}.videoId`, `unknown video "${videoId}" (not in this tenant's videos)`)
      else if (other) add(`${at}.vid`, `polyv alias "${vid}" already names video ${other}`)
    }
    const labels = new Map<string, number>()
    for (const [pi, p] of list(raw.passwords).entries()) {
      if (!isRecord(p) || typeof p.label !== 'string') continue
      const seenAt = labels.get(p.label)
      if (seenAt !== undefined)
        add(`${at}.passwords[${pi}].label`, `duplicate label (first at passwords[${seenAt}])`)
      else labels.set(p.label, pi)
    }
  }
}

/** Records the section writes (for the importer's progress). */
function countPolyv(tenant: TenantDoc): number {
  const doc = tenant.polyv
  if (!doc) return 0
  const videos = doc.videos ?? []
  return (
    (doc.playsafe ? 1 : 0) +
    videos.reduce((n, v) => n + (v.passwords?.length ?? 0) + (v.vid && v.videoId ? 1 : 0), 0)
  )
}

/** Writes the section of a planned (problem-free) tenant. */
async function writePolyv(tenant: TenantDoc, _plan: unknown, ctx: SectionWrite): Promise<void> {
  const doc = tenant.polyv
  if (!doc) return
  const { tenantId, now, count, fileVideoIds } = ctx
  const deps = { db: ctx.writes.db }
  if (doc.playsafe) {
    const stored = await findPlaysafeSettings(deps.db, tenantId)
    const current = stored && { encrypt: stored.encrypt, hlsLevel: stored.hlsLevel }
    const wanted = {
      encrypt: doc.playsafe.encrypt ?? current?.encrypt ?? false,
      hlsLevel: doc.playsafe.hlsLevel ?? current?.hlsLevel ?? 'open',
    }
    const outcome = outcomeOf(stored, current, wanted)
    if (outcome !== 'unchanged') await savePlaysafeSettings(deps.db, { tenantId, ...wanted }, now)
    count('playsafe', outcome)
  }
  for (const v of doc.videos ?? []) {
    // Planned: the video is this tenant's, written above or stored, and so is its alias.
    const byAlias =
      v.videoId === undefined ? await findVideoAlias(deps.db, tenantId, 'polyv', v.vid!) : undefined
    const video = (await findVideo(deps.db, v.videoId ?? byAlias!.videoId))!
    if (v.vid !== undefined && v.videoId !== undefined) {
      const stored = await findVideoAlias(deps.db, tenantId, 'polyv', v.vid)
      if (!stored)
        await insertVideoAlias(deps.db, {
          tenantId,
          videoId: video.id,
          vendor: 'polyv',
          alias: v.vid,
          createdAt: now,
        })
      count('aliases', stored ? 'unchanged' : 'created')
    }
    // A video of the file got its Polyv fields with its own write (withPolyvSettings).
    if (!fileVideoIds.has(video.id) && (await writeSettings(deps.db, video, v, now, count)))
      await forgetAfterCommit(ctx, video.id)
    for (const p of v.passwords ?? [])
      count(
        'passwords',
        await ctx.services.playPasswords.put(ctx.writes, tenantId, video.id, p.password, p.label),
      )
  }
}

/** The video settings a Polyv entry gives (`polyv.qid`, …); fields left out are absent. */
function settingsOf(v: PolyvVideoDoc): Record<string, string> {
  const given: Record<string, string | undefined> = {
    [POLYV_SETTINGS.qid]: v.qid,
    [POLYV_SETTINGS.isShowPassword]:
      v.isShowPassword === undefined ? undefined : String(v.isShowPassword),
    [POLYV_SETTINGS.publishUrl]: v.publishUrl,
    [POLYV_SETTINGS.authplay]: v.authplay === undefined ? undefined : v.authplay ? '1' : '0',
  }
  return Object.fromEntries(
    Object.entries(given).filter((e): e is [string, string] => e[1] !== undefined),
  )
}

type AliasDoc = { readonly vendor: string; readonly alias: string }
const names = (v: PolyvVideoDoc, video: { id: string; aliases?: readonly AliasDoc[] }) =>
  v.videoId !== undefined
    ? v.videoId === video.id
    : (video.aliases ?? []).some((a) => a.vendor === 'polyv' && a.alias === v.vid)

/**
 * A video of the file with the Polyv fields its entry gives merged into its settings, so the
 * video is written once and importing the file again finds it unchanged.
 */
function withPolyvSettings(tenant: TenantDoc, video: PlannedVideo): PlannedVideo {
  const entry = tenant.polyv?.videos?.find((v) =>
    names(v, { id: video.id, aliases: video.doc.aliases }),
  )
  if (!entry) return video
  return {
    ...video,
    doc: { ...video.doc, settings: { ...video.doc.settings, ...settingsOf(entry) } },
  }
}

async function writeSettings(
  db: Db,
  video: Video,
  v: PolyvVideoDoc,
  now: Date,
  count: SectionWrite['count'],
): Promise<boolean> {
  const settings = { ...video.settings, ...settingsOf(v) }
  const outcome = outcomeOf(video, video.settings, settings)
  if (outcome !== 'unchanged') await updateVideo(db, { ...video, settings, updatedAt: now })
  count('videos', outcome)
  return outcome !== 'unchanged'
}

export const polyvSection = section({
  field: 'polyv',
  check: checkPolyv,
  count: countPolyv,
  write: writePolyv,
  video: withPolyvSettings,
})
