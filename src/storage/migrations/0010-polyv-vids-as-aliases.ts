// The Polyv dialect used to find a vid as a video's reference id; it now resolves the video's
// `polyv` vendor alias (0003). A video whose reference id is a vid gets that alias, so the
// clients that named it keep finding it (unless another video of the tenant has the alias).
import type { Kysely } from 'kysely'

const POLYV_VID = /^[0-9a-f]{32}_[0-9a-z]+$/

interface Tables {
  videos: { id: string; tenant_id: string; reference_id: string | null; created_at: number }
  video_aliases: {
    tenant_id: string
    vendor: string
    alias: string
    video_id: string
    created_at: number
  }
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>
  const videos = await db
    .selectFrom('videos')
    .select(['id', 'tenant_id', 'reference_id', 'created_at'])
    .where('reference_id', 'is not', null)
    .execute()
  for (const video of videos) {
    const vid = video.reference_id
    if (vid === null || !POLYV_VID.test(vid)) continue
    const taken = await db
      .selectFrom('video_aliases')
      .select('video_id')
      .where('tenant_id', '=', video.tenant_id)
      .where('vendor', '=', 'polyv')
      .where('alias', '=', vid)
      .executeTakeFirst()
    if (taken) continue
    await db
      .insertInto('video_aliases')
      .values({
        tenant_id: video.tenant_id,
        vendor: 'polyv',
        alias: vid,
        video_id: video.id,
        created_at: Number(video.created_at),
      })
      .execute()
  }
}
