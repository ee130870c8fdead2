// Vendor aliases of videos: (tenant, vendor, alias) → video, e.g. a Polyv vid or a DingTalk mediaId.
import type { AliasVendor, VideoAlias } from '../../core/model.ts'
import type { Db } from '../db.ts'
import { guardConflict } from './shared.ts'

type AliasRow = {
  tenant_id: string
  vendor: string
  alias: string
  video_id: string
  created_at: number | string
}

function toAlias(row: AliasRow): VideoAlias {
  return {
    tenantId: row.tenant_id,
    vendor: row.vendor as AliasVendor,
    alias: row.alias,
    videoId: row.video_id,
    createdAt: new Date(Number(row.created_at)),
  }
}

export async function insertVideoAlias(db: Db, alias: VideoAlias): Promise<VideoAlias> {
  await guardConflict(`${alias.vendor} alias ${alias.alias}`, () =>
    db
      .insertInto('video_aliases')
      .values({
        tenant_id: alias.tenantId,
        vendor: alias.vendor,
        alias: alias.alias,
        video_id: alias.videoId,
        created_at: alias.createdAt.getTime(),
      })
      .execute(),
  )
  return alias
}

export async function findVideoAlias(
  db: Db,
  tenantId: string,
  vendor: AliasVendor,
  alias: string,
): Promise<VideoAlias | undefined> {
  const row = await db
    .selectFrom('video_aliases')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('vendor', '=', vendor)
    .where('alias', '=', alias)
    .executeTakeFirst()
  return row && toAlias(row)
}

/** A video's aliases, by vendor then alias. */
export async function listVideoAliases(db: Db, videoId: string): Promise<VideoAlias[]> {
  const rows = await db
    .selectFrom('video_aliases')
    .selectAll()
    .where('video_id', '=', videoId)
    .orderBy('vendor')
    .orderBy('alias')
    .execute()
  return rows.map(toAlias)
}

export async function deleteVideoAlias(
  db: Db,
  videoId: string,
  vendor: AliasVendor,
  alias: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('video_aliases')
    .where('video_id', '=', videoId)
    .where('vendor', '=', vendor)
    .where('alias', '=', alias)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}
