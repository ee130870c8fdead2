// What the resilience suite sends a running PlayGate: the seed (tenant, Aliyun key, a playable
// video), native admin writes and signed Aliyun GetVideoPlayAuth calls, each reporting what the
// server acknowledged.
import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { createRuntime } from '../../src/compose.ts'
import { loadConfig } from '../../src/config/load.ts'
import { decodePlayAuth } from '../../src/core/schemes/aliyun-play-auth/canonical.ts'
import { formatTimestamp } from '../../src/core/schemes/aliyun-rpc/canonical.ts'
import { signedQueryV1 } from '../../src/core/schemes/aliyun-rpc/sign.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { ADMIN_TOKEN, MASTER_KEY } from './processes.ts'

export const TENANT = 'tn_resilience'
export const KEY = { id: 'LTAIresilience000001', secret: 'resilience-secret-0123456789' }
export const VIDEO = 'f00dfeed0123456789abcdef01234567'
export const PLAY_HOST = 'res.playgate.test'
/** The bundled sample media, served as every seeded server's media root. */
export const MEDIA_ROOT = resolve(import.meta.dirname, '../../media')

/** Env for a server (or the seed) on this data dir and database. */
export function serverEnv(dataDir: string, databaseUrl?: string): Record<string, string> {
  return {
    PLAYGATE_DATA_DIR: dataDir,
    PLAYGATE_MEDIA_ROOT: MEDIA_ROOT,
    ...(databaseUrl ? { PLAYGATE_DATABASE_URL: databaseUrl } : {}),
    // Every request below is meant to be served, not throttled.
    PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_PLAY_AUTH: '1000000000',
  }
}

/** Migrates and seeds the database the servers will use, in this process. */
export async function seed(env: Record<string, string>): Promise<void> {
  const config = loadConfig({
    env: {
      PLAYGATE_SECRETS_MASTER_KEY: MASTER_KEY,
      PLAYGATE_DEMO_ENABLED: 'false',
      PLAYGATE_LOG_LEVEL: 'silent',
      ...env,
    },
  })
  const runtime = await createRuntime(config)
  try {
    await runtime.services.tenants.create({ id: TENANT, name: 'Resilience' })
    await runtime.services.accessKeys.issue({
      tenantId: TENANT,
      protocol: 'aliyun',
      keyId: KEY.id,
      secret: KEY.secret,
    })
    await runtime.services.videos.create({
      tenantId: TENANT,
      id: VIDEO,
      title: 'Resilience',
      status: 'Normal',
    })
    await runtime.services.videos.addStream({ videoId: VIDEO, location: 'demo/mp4/demo.mp4' })
    await runtime.services.playDomains.create({
      tenantId: TENANT,
      host: PLAY_HOST,
      scheme: 'aliyun-a',
      ttlSeconds: 1800,
      isDefault: true,
    })
  } finally {
    await runtime.close()
  }
}

export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }

/** POST /v1/videos; the new video's id when the server acknowledged it (201). */
export async function createVideo(base: string, title: string): Promise<string | undefined> {
  const response = await fetch(`${base}/v1/videos`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: TENANT, title }),
  })
  const body = (await response.json()) as { id?: string }
  return response.status === 201 ? body.id : undefined
}

/** The status and body of a signed V1 GetVideoPlayAuth (or any action) call. */
export async function aliyunCall(
  base: string,
  params: Record<string, string>,
  nonce = randomBytes(16).toString('hex'),
): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = signedQueryV1(
    {
      method: 'GET',
      params: {
        AccessKeyId: KEY.id,
        Format: 'JSON',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: nonce,
        SignatureVersion: '1.0',
        Timestamp: formatTimestamp(Date.now()),
        Version: '2017-03-21',
        ...params,
      },
      secret: KEY.secret,
    },
    nodeCrypto,
  )
  const response = await fetch(`${base}/?${query}`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** GetVideoPlayAuth; the PlayAuth's temporary AccessKeyId (named in its audit event) on a 200. */
export async function playAuthKeyId(base: string, videoId = VIDEO): Promise<string | undefined> {
  const { status, body } = await aliyunCall(base, { Action: 'GetVideoPlayAuth', VideoId: videoId })
  if (status !== 200 || typeof body.PlayAuth !== 'string') return undefined
  return decodePlayAuth(body.PlayAuth)?.accessKeyId
}

/** A signed edge URL for the seeded video's MP4 (GET /v1/videos/:id/play-urls), on `base`. */
export async function signedMp4(base: string): Promise<string> {
  const response = await fetch(`${base}/v1/videos/${VIDEO}/play-urls`, { headers: admin })
  const body = (await response.json()) as { items?: { url: string }[] }
  const url = body.items?.[0]?.url
  if (response.status !== 200 || !url) throw new Error(`play-urls: ${JSON.stringify(body)}`)
  const { pathname, search } = new URL(url)
  return `${base}${pathname}${search}`
}
