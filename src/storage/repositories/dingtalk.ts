// DingTalk: orgs (one per tenant), users by unionId, conferences and their cloud recordings.
import type { Conference, DingtalkOrg, DingtalkUser, Recording } from '../../core/model.ts'
import type { Db } from '../db.ts'
import type { ConferenceTable, RecordingTable } from '../tables.ts'
import { guardConflict, selectPage, parseJson, type Page, type PageOf } from './shared.ts'

export async function upsertDingtalkOrg(db: Db, org: DingtalkOrg): Promise<void> {
  // corpId is unique too: another tenant's org with it is a CONFLICT.
  await guardConflict(`DingTalk org ${org.corpId}`, () =>
    db
      .insertInto('dingtalk_orgs')
      .values({ tenant_id: org.tenantId, corp_id: org.corpId, name: org.name })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet({ corp_id: org.corpId, name: org.name }),
      )
      .execute(),
  )
}

export async function findDingtalkOrg(db: Db, tenantId: string): Promise<DingtalkOrg | undefined> {
  const row = await db
    .selectFrom('dingtalk_orgs')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst()
  return row && { tenantId: row.tenant_id, corpId: row.corp_id, name: row.name }
}

export async function upsertDingtalkUser(db: Db, user: DingtalkUser): Promise<void> {
  await db
    .insertInto('dingtalk_users')
    .values({
      tenant_id: user.tenantId,
      union_id: user.unionId,
      user_id: user.userId,
      name: user.name,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'union_id']).doUpdateSet({ user_id: user.userId, name: user.name }),
    )
    .execute()
}

export async function findDingtalkUser(
  db: Db,
  tenantId: string,
  unionId: string,
): Promise<DingtalkUser | undefined> {
  const row = await db
    .selectFrom('dingtalk_users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('union_id', '=', unionId)
    .executeTakeFirst()
  return (
    row && { tenantId: row.tenant_id, unionId: row.union_id, userId: row.user_id, name: row.name }
  )
}

export async function upsertConference(db: Db, c: Conference): Promise<void> {
  const row = {
    id: c.id,
    tenant_id: c.tenantId,
    title: c.title,
    host_union_id: c.hostUnionId,
    participants: JSON.stringify(c.participants),
    started_at: c.startedAt.getTime(),
    ended_at: c.endedAt?.getTime() ?? null,
  }
  const { id: _id, ...rest } = row
  await db
    .insertInto('conferences')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(rest))
    .execute()
}

export async function findConference(db: Db, id: string): Promise<Conference | undefined> {
  const row = await db.selectFrom('conferences').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toConference(row)
}

export async function upsertRecording(db: Db, r: Recording): Promise<void> {
  const row = {
    id: r.id,
    conference_id: r.conferenceId,
    video_id: r.videoId,
    media_id: r.mediaId,
    region_id: r.regionId,
    union_id: r.unionId,
    started_at: r.startedAt.getTime(),
    ended_at: r.endedAt.getTime(),
    duration_ms: r.durationMs,
    file_size: r.fileSize,
  }
  const { id: _id, ...rest } = row
  await db
    .insertInto('recordings')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(rest))
    .execute()
}

export async function listRecordings(
  db: Db,
  conferenceId: string,
  page: Page,
): Promise<PageOf<Recording>> {
  return selectPage(
    db.selectFrom('recordings').where('conference_id', '=', conferenceId),
    (q) => q.selectAll().orderBy('started_at').orderBy('id'),
    page,
    toRecording,
  )
}

/** A conference's recording by DingTalk `mediaId` (the oldest, should an import repeat one). */
export async function findRecordingByMediaId(
  db: Db,
  conferenceId: string,
  mediaId: string,
): Promise<Recording | undefined> {
  const row = await db
    .selectFrom('recordings')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .where('media_id', '=', mediaId)
    .orderBy('started_at')
    .orderBy('id')
    .executeTakeFirst()
  return row && toRecording(row)
}

export async function findRecording(db: Db, id: string): Promise<Recording | undefined> {
  const row = await db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toRecording(row)
}

export async function deleteRecording(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('recordings').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function listDingtalkUsers(
  db: Db,
  tenantId: string,
  page: Page,
): Promise<PageOf<DingtalkUser>> {
  return selectPage(
    db.selectFrom('dingtalk_users').where('tenant_id', '=', tenantId),
    (q) => q.selectAll().orderBy('union_id'),
    page,
    (row) => ({
      tenantId: row.tenant_id,
      unionId: row.union_id,
      userId: row.user_id,
      name: row.name,
    }),
  )
}

export async function deleteDingtalkUser(
  db: Db,
  tenantId: string,
  unionId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('dingtalk_users')
    .where('tenant_id', '=', tenantId)
    .where('union_id', '=', unionId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function listConferences(
  db: Db,
  tenantId: string,
  page: Page,
): Promise<PageOf<Conference>> {
  return selectPage(
    db.selectFrom('conferences').where('tenant_id', '=', tenantId),
    (q) => q.selectAll().orderBy('started_at', 'desc').orderBy('id'),
    page,
    toConference,
  )
}

export async function deleteConference(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('conferences').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

function toConference(row: ConferenceTable): Conference {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    title: row.title,
    hostUnionId: row.host_union_id,
    participants: parseJson<string[]>(row.participants, []),
    startedAt: new Date(Number(row.started_at)),
    endedAt: row.ended_at === null ? null : new Date(Number(row.ended_at)),
  }
}

function toRecording(row: RecordingTable): Recording {
  return {
    id: row.id,
    conferenceId: row.conference_id,
    videoId: row.video_id,
    mediaId: row.media_id,
    regionId: row.region_id,
    unionId: row.union_id,
    startedAt: new Date(Number(row.started_at)),
    endedAt: new Date(Number(row.ended_at)),
    durationMs: Number(row.duration_ms),
    fileSize: Number(row.file_size),
  }
}
