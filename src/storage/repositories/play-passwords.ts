// Play passwords per video, sealed (not hashed): Polyv's API returns them to their owner.
import type { SecretBox } from '../../core/secret-box.ts'
import type { Db } from '../db.ts'

export async function setPlayPassword(
  db: Db,
  box: SecretBox,
  videoId: string,
  password: string,
  at: Date,
): Promise<void> {
  const row = { video_id: videoId, password_sealed: box.seal(password), updated_at: at.getTime() }
  await db
    .insertInto('play_passwords')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('video_id')
        .doUpdateSet({ password_sealed: row.password_sealed, updated_at: row.updated_at }),
    )
    .execute()
}

export async function findPlayPassword(
  db: Db,
  box: SecretBox,
  videoId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('play_passwords')
    .select('password_sealed')
    .where('video_id', '=', videoId)
    .executeTakeFirst()
  return row && box.open(row.password_sealed)
}

export async function clearPlayPassword(db: Db, videoId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('play_passwords')
    .where('video_id', '=', videoId)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}
