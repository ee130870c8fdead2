// Play passwords per video, several per video by label, sealed (not hashed): Polyv's API returns
// them to their owner. Functions without a label act on the `default` one.
import { DEFAULT_PASSWORD_LABEL, type PlayPassword } from '../../core/model.ts'
import type { SecretBox } from '../../core/secret-box.ts'
import type { Db } from '../db.ts'
import { guardConflict } from './shared.ts'

/** Sets (or replaces in place) the password labelled `label`; its creation time is kept. */
export async function setPlayPassword(
  db: Db,
  box: SecretBox,
  videoId: string,
  password: string,
  at: Date,
  label: string = DEFAULT_PASSWORD_LABEL,
): Promise<void> {
  const sealed = box.seal(password)
  const ms = at.getTime()
  await guardConflict(`play password of video ${videoId}`, () =>
    db
      .insertInto('play_passwords')
      .values({
        video_id: videoId,
        label,
        password_sealed: sealed,
        created_at: ms,
        updated_at: ms,
      })
      .onConflict((oc) =>
        oc.columns(['video_id', 'label']).doUpdateSet({ password_sealed: sealed, updated_at: ms }),
      )
      .execute(),
  )
}

/** Adds a password under a new label; CONFLICT when the video already has one by that label. */
export async function insertPlayPassword(
  db: Db,
  box: SecretBox,
  password: PlayPassword,
): Promise<void> {
  await guardConflict(`play password ${password.label} of video ${password.videoId}`, () =>
    db
      .insertInto('play_passwords')
      .values({
        video_id: password.videoId,
        label: password.label,
        password_sealed: box.seal(password.password),
        created_at: password.createdAt.getTime(),
        updated_at: password.updatedAt.getTime(),
      })
      .execute(),
  )
}

export async function findPlayPassword(
  db: Db,
  box: SecretBox,
  videoId: string,
  label: string = DEFAULT_PASSWORD_LABEL,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('play_passwords')
    .select('password_sealed')
    .where('video_id', '=', videoId)
    .where('label', '=', label)
    .executeTakeFirst()
  return row && box.open(row.password_sealed)
}

/** Every password of a video, oldest first. */
export async function listPlayPasswords(
  db: Db,
  box: SecretBox,
  videoId: string,
): Promise<PlayPassword[]> {
  const rows = await db
    .selectFrom('play_passwords')
    .selectAll()
    .where('video_id', '=', videoId)
    .orderBy('created_at')
    .orderBy('label')
    .execute()
  return rows.map((row) => ({
    videoId: row.video_id,
    label: row.label,
    password: box.open(row.password_sealed),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  }))
}

/** Removes one password; false when the video had none by that label. */
export async function clearPlayPassword(
  db: Db,
  videoId: string,
  label: string = DEFAULT_PASSWORD_LABEL,
): Promise<boolean> {
  const result = await db
    .deleteFrom('play_passwords')
    .where('video_id', '=', videoId)
    .where('label', '=', label)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}
