// Resilience: `kill -9` under concurrent writes, on SQLite and on PostgreSQL. Real servers (child
// processes) take native video creations and Aliyun GetVideoPlayAuth calls from concurrent
// clients and are killed mid-flight; each restart recovers the same data. Afterwards every write
// the server acknowledged must be stored, and (audit.durability strict, the default) every
// credential it handed out must have its audit event. Prints the figures.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { sql } from 'kysely'
import { openDb, type Db } from '../../src/storage/db.ts'
import { createVideo, playAuthKeyId, seed, serverEnv } from './clients.ts'
import { startServer, tempDir, freshDatabase } from './processes.ts'

const KILLS = Number(process.env.PLAYGATE_CRASH_KILLS ?? 2)
/** Acknowledged writes per life of the server before it is killed. */
const WRITES_PER_LIFE = 120
const CLIENTS = 8
const PG_URL = process.env.PLAYGATE_TEST_PG_URL

interface Acknowledged {
  videos: string[]
  credentials: string[]
}

/** Writes from CLIENTS concurrent clients until WRITES_PER_LIFE are acknowledged, then kill -9. */
async function lifeUntilKilled(
  t: TestContext,
  env: Record<string, string>,
  acked: Acknowledged,
  life: number,
) {
  const server = await startServer(t, env)
  let acknowledged = 0
  let killing: Promise<void> | undefined
  const client = async (n: number) => {
    for (let i = 0; !killing; i++) {
      try {
        if (i % 2 === 0) {
          const id = await createVideo(server.base, `life ${life} client ${n} #${i}`)
          if (id) acked.videos.push(id)
        } else {
          const keyId = await playAuthKeyId(server.base)
          if (keyId) acked.credentials.push(keyId)
        }
      } catch {
        // The connection died with the server: that write was never acknowledged.
        if (killing) return
        throw new Error(`a request failed before the kill:\n${server.output()}`)
      }
      if (++acknowledged >= WRITES_PER_LIFE) killing ??= server.kill9()
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)))
  await killing
}

async function lost(db: Db, acked: Acknowledged) {
  const videos = new Set(
    (await db.selectFrom('videos').select('id').execute()).map((row) => row.id),
  )
  const audited = new Set(
    (
      await db
        .selectFrom('audit_events')
        .select('detail')
        .where('kind', '=', 'credential.issued')
        .execute()
    ).map((row) => (JSON.parse(row.detail) as { accessKeyId?: string }).accessKeyId),
  )
  return {
    videos: acked.videos.filter((id) => !videos.has(id)).length,
    auditEvents: acked.credentials.filter((id) => !audited.has(id)).length,
  }
}

async function crashRun(t: TestContext, dialect: string, databaseUrl: string | undefined) {
  const dataDir = tempDir(t, 'playgate-crash-')
  const env = serverEnv(dataDir, databaseUrl)
  await seed(env)
  const acked: Acknowledged = { videos: [], credentials: [] }
  for (let life = 1; life <= KILLS; life++) await lifeUntilKilled(t, env, acked, life)
  const db = openDb({ url: databaseUrl ?? `sqlite:${join(dataDir, 'playgate.db')}` })
  t.after(() => db.destroy())
  const missing = await lost(db, acked)
  const integrity =
    dialect === 'sqlite'
      ? (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows[0]
          ?.integrity_check
      : 'ok'
  const figures = {
    dialect,
    kills: KILLS,
    acknowledged: { videos: acked.videos.length, credentials: acked.credentials.length },
    lost: missing,
    integrity,
  }
  process.stdout.write(`resilience crash: ${JSON.stringify(figures)}\n`)
  assert.deepEqual(missing, { videos: 0, auditEvents: 0 })
  assert.equal(integrity, 'ok')
  assert.ok(acked.videos.length > 0 && acked.credentials.length > 0)
}

describe('resilience: kill -9 under concurrent writes', () => {
  it(`SQLite: ${KILLS} kills lose no acknowledged write and no audit event`, (t) =>
    crashRun(t, 'sqlite', undefined))

  it(
    `PostgreSQL: ${KILLS} kills lose no acknowledged write and no audit event`,
    { skip: PG_URL ? false : 'PLAYGATE_TEST_PG_URL is not set' },
    async (t) => crashRun(t, 'postgres', await freshDatabase(t, PG_URL!)),
  )
})
