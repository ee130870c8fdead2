// Live streams of play domains: rows ↔ LiveStream, the push key sealed at rest, lookups by id and
// by (domain, AppName, StreamName) for the edge and the origin callbacks.
import type { LiveStream, LiveStreamWithKey } from '../../core/model.ts'
import type { SecretBox } from '../../core/secret-box.ts'
import type { Db } from '../db.ts'
import type { LiveStreamRow } from '../tables.ts'
import { guardConflict, selectPage, type Page, type PageOf } from './shared.ts'

function toStream(row: LiveStreamRow): LiveStream {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    playDomainId: row.play_domain_id,
    appName: row.app_name,
    streamName: row.stream_name,
    location: row.location,
    videoId: row.video_id,
    enabled: row.enabled === 1,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  }
}

function toStreamWithKey(box: SecretBox, row: LiveStreamRow): LiveStreamWithKey {
  return {
    ...toStream(row),
    pushKey: row.push_key_sealed === null ? null : box.open(row.push_key_sealed),
  }
}

function toRow(box: SecretBox, s: LiveStreamWithKey): LiveStreamRow {
  return {
    id: s.id,
    tenant_id: s.tenantId,
    play_domain_id: s.playDomainId,
    app_name: s.appName,
    stream_name: s.streamName,
    location: s.location,
    video_id: s.videoId,
    push_key_sealed: s.pushKey === null ? null : box.seal(s.pushKey),
    enabled: s.enabled ? 1 : 0,
    created_at: s.createdAt.getTime(),
    updated_at: s.updatedAt.getTime(),
  }
}

const named = (s: Pick<LiveStream, 'appName' | 'streamName'>) =>
  `live stream ${s.appName}/${s.streamName}`

export async function insertLiveStream(
  db: Db,
  box: SecretBox,
  stream: LiveStreamWithKey,
): Promise<LiveStream> {
  const row = toRow(box, stream)
  await guardConflict(named(stream), () => db.insertInto('live_streams').values(row).execute())
  return toStream(row)
}

/** Inserts, or replaces everything but id and created_at of the same domain's AppName/StreamName. */
export async function upsertLiveStream(
  db: Db,
  box: SecretBox,
  stream: LiveStreamWithKey,
): Promise<void> {
  const row = toRow(box, stream)
  const { id: _id, created_at: _c, ...rest } = row
  await guardConflict(named(stream), () =>
    db
      .insertInto('live_streams')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['play_domain_id', 'app_name', 'stream_name']).doUpdateSet(rest),
      )
      .execute(),
  )
}

export type LiveStreamKey =
  | { readonly id: string }
  | { readonly playDomainId: string; readonly appName: string; readonly streamName: string }

export async function findLiveStreamWithKey(
  db: Db,
  box: SecretBox,
  by: LiveStreamKey,
): Promise<LiveStreamWithKey | undefined> {
  let query = db.selectFrom('live_streams').selectAll()
  query =
    'id' in by
      ? query.where('id', '=', by.id)
      : query
          .where('play_domain_id', '=', by.playDomainId)
          .where('app_name', '=', by.appName)
          .where('stream_name', '=', by.streamName)
  const row = await query.executeTakeFirst()
  return row && toStreamWithKey(box, row)
}

export async function findLiveStream(db: Db, id: string): Promise<LiveStream | undefined> {
  const row = await db
    .selectFrom('live_streams')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toStream(row)
}

export interface LiveStreamFilter {
  readonly tenantId?: string
  readonly playDomainId?: string
}

export async function listLiveStreams(
  db: Db,
  filter: LiveStreamFilter,
  page: Page,
): Promise<PageOf<LiveStream>> {
  let base = db.selectFrom('live_streams')
  if (filter.tenantId !== undefined) base = base.where('tenant_id', '=', filter.tenantId)
  if (filter.playDomainId !== undefined)
    base = base.where('play_domain_id', '=', filter.playDomainId)
  return selectPage(base, (q) => q.selectAll().orderBy('created_at').orderBy('id'), page, toStream)
}

export async function updateLiveStream(
  db: Db,
  box: SecretBox,
  stream: LiveStreamWithKey,
): Promise<void> {
  const { id, created_at: _c, ...rest } = toRow(box, stream)
  await guardConflict(named(stream), () =>
    db.updateTable('live_streams').set(rest).where('id', '=', id).execute(),
  )
}

export async function deleteLiveStream(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('live_streams').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows > 0n
}
