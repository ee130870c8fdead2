// DingTalk: orgs (one per tenant), users by unionId, conferences and their cloud recordings.
import type { Conference, DingtalkOrg, DingtalkUser, Recording } from '../../core/model.ts'
import type { Db } from '../db.ts'
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
  return (
    row && {
      id: row.id,
      tenantId: row.tenant_id,
      title: row.title,
      hostUnionId: row.host_union_id,
      participants: parseJson<string[]>(row.participants, []),
      startedAt: new Date(Number(row.started_at)),
      endedAt: row.ended_at === null ? null : new Date(Number(row.ended_at)),
    }
  )
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
    (row) => ({
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
    }),
  )
}
