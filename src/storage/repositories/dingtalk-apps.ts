// DingTalk apps: the scopes granted to a `dingtalk` access key. No row means the key was never
// given scopes explicitly; what that grants is the service's rule, not storage's.
import type { DingtalkApp } from '../../core/model.ts'
import type { Db } from '../db.ts'
import { guardConflict, parseJson } from './shared.ts'

export async function findDingtalkApp(
  db: Db,
  accessKeyId: string,
): Promise<DingtalkApp | undefined> {
  const row = await db
    .selectFrom('dingtalk_apps')
    .selectAll()
    .where('access_key_id', '=', accessKeyId)
    .executeTakeFirst()
  return row && { accessKeyId: row.access_key_id, scopes: parseJson<string[]>(row.scopes, []) }
}

export async function upsertDingtalkApp(db: Db, app: DingtalkApp): Promise<void> {
  const scopes = JSON.stringify([...new Set(app.scopes)].sort())
  await guardConflict(`DingTalk app ${app.accessKeyId}`, () =>
    db
      .insertInto('dingtalk_apps')
      .values({ access_key_id: app.accessKeyId, scopes })
      .onConflict((oc) => oc.column('access_key_id').doUpdateSet({ scopes }))
      .execute(),
  )
}

export async function deleteDingtalkApp(db: Db, accessKeyId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('dingtalk_apps')
    .where('access_key_id', '=', accessKeyId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
