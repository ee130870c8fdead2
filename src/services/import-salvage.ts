// The planner's two views of a file before it is known to be clean: each tenant's common parts
// salvaged as far as their shape is right (so one bad field hides no other problem; sections
// salvage their own), and an index of the file's videos for sections to point at.
import type { Static, TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import {
  AccessKeyDocSchema,
  PlayDomainDocSchema,
  StreamDocSchema,
  TenantDocSchema,
  VideoDocSchema,
  type StreamDoc,
  type VideoDoc,
} from './import-document.ts'
import type { PlannedStream } from './import-plan.ts'

type Maybe<T> = T | undefined
type AccessKeyDoc = Static<typeof AccessKeyDocSchema>
type PlayDomainDoc = Static<typeof PlayDomainDocSchema>

/**
 * A tenant as far as its shape is right. An item whose own fields are wrong becomes a hole
 * (undefined), so the others keep their indexes (and paths) and are still cross-checked: one bad
 * field does not hide the rest of the file's problems.
 */
export interface Salvaged {
  readonly id: string
  readonly accessKeys: Maybe<AccessKeyDoc>[]
  readonly playDomains: Maybe<PlayDomainDoc>[]
  /** `doc` is undefined when the video's own fields are wrong; its streams are still checked. */
  readonly videos: Maybe<{ doc: Maybe<VideoDoc>; streams: Maybe<StreamDoc>[] }>[]
  /** id and referenceId of videos whose own fields are wrong, so references to them stay quiet. */
  readonly brokenVideos: { id?: unknown; referenceId?: unknown }[]
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function valid<T extends TSchema>(schema: T, value: unknown): Maybe<Static<T>> {
  return Value.Check(schema, value) ? value : undefined
}

/** `value` checked against `schema` with its nested lists emptied (they are salvaged apart). */
export function shell<T extends TSchema>(
  schema: T,
  value: unknown,
  lists: string[],
): Maybe<Static<T>> {
  if (!isRecord(value)) return undefined
  const emptied = { ...value, ...Object.fromEntries(lists.map((l) => [l, []])) }
  return Value.Check(schema, emptied) ? value : undefined
}

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

/** Each item of a list checked on its own: a wrong one becomes a hole. */
export const each = <T extends TSchema>(schema: T, value: unknown) =>
  list(value).map((item) => valid(schema, item))

/** Items that own a list (a video's streams): the item's own fields and the list, apart. */
export function nested<T extends TSchema, C extends TSchema>(
  value: unknown,
  schema: T,
  field: string,
  child: C,
): Maybe<{ doc: Maybe<Static<T>>; items: Maybe<Static<C>>[] }>[] {
  return list(value).map((item) =>
    isRecord(item)
      ? { doc: shell(schema, item, [field]), items: each(child, item[field]) }
      : undefined,
  )
}

export function salvage(raw: unknown): Maybe<Salvaged> {
  if (!isRecord(raw) || !Value.Check(TenantDocSchema.properties.id, raw.id)) return undefined
  return {
    id: raw.id,
    accessKeys: each(AccessKeyDocSchema, raw.accessKeys),
    playDomains: each(PlayDomainDocSchema, raw.playDomains),
    videos: nested(raw.videos, VideoDocSchema, 'streams', StreamDocSchema).map(
      (v) => v && { doc: v.doc, streams: v.items },
    ),
    brokenVideos: list(raw.videos).filter(
      (v): v is Record<string, unknown> => isRecord(v) && !shell(VideoDocSchema, v, ['streams']),
    ),
  }
}

export type IndexedVideo = { readonly id: string; readonly streams: readonly PlannedStream[] }
export type VideoIndex = ReturnType<typeof createVideoIndex>

/** Videos of the file, by tenant and id or ReferenceId, for recordings to point at. */
export function createVideoIndex() {
  const byKey = new Map<string, IndexedVideo>()
  const byId = new Map<string, IndexedVideo>()
  const broken = new Set<string>()
  return {
    add(tenantId: string, referenceId: string | undefined, video: IndexedVideo) {
      byKey.set(`${tenantId}\0id\0${video.id}`, video)
      if (referenceId !== undefined) byKey.set(`${tenantId}\0ref\0${referenceId}`, video)
      byId.set(video.id, video)
    },
    addBroken(tenantId: string, video: { id?: unknown; referenceId?: unknown }) {
      if (typeof video.id === 'string') broken.add(`${tenantId}\0id\0${video.id}`)
      if (typeof video.referenceId === 'string')
        broken.add(`${tenantId}\0ref\0${video.referenceId}`)
    },
    find: (tenantId: string, by: 'id' | 'ref', value: string) =>
      byKey.get(`${tenantId}\0${by}\0${value}`),
    /** True for a video of the file that is already reported as wrong. */
    isBroken: (tenantId: string, by: 'id' | 'ref', value: string) =>
      broken.has(`${tenantId}\0${by}\0${value}`),
    /** The size a video of the file will have: its largest stream's. */
    sizeOf(id: string): number | undefined {
      const video = byId.get(id)
      return video && Math.max(0, ...video.streams.map((s) => s.info.size))
    },
  }
}
