// A PlayGate with one Aliyun account, play domain and demo video, plus signing clients for the
// three wire shapes (aliyun-vod.md §12), so each test file builds its own world in one call.
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { TestContext } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { fixedClock } from '../../../../src/core/ports.ts'
import type { Stream, Video } from '../../../../src/core/model.ts'
import { formatTimestamp } from '../../../../src/core/schemes/aliyun-rpc/canonical.ts'
import { signedQueryV1, signV3 } from '../../../../src/core/schemes/aliyun-rpc/sign.ts'
import type { RuntimeOverrides } from '../../../../src/compose.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { buildTestApp, type TestApp } from '../../../helpers/build-app.ts'

export const MEDIA_ROOT = fileURLToPath(new URL('../../../../media', import.meta.url))
/** The clock every world starts at (test/helpers/shared-state.ts uses the same epoch). */
export const EPOCH = '2026-01-01T00:00:00Z'

export const TENANT_ID = 'tn_aliyuntest'
/** The §4.2 / §12 test credentials. */
export const ACCESS_KEY_ID = 'testAccessKeyId'
export const ACCESS_KEY_SECRET = 'testAccessKeySecret'
export const PLAY_HOST = 'vod.playgate.test'
/** The §13 Type A example key. */
export const PLAY_KEY = 'aliyuncdnexp1234'
export const VIDEO_ID = 'abcdef0123456789abcdef0123456789'
export const COVER_URL = 'https://img.example.com/c.jpg'

export interface World extends TestApp {
  readonly clock: ReturnType<typeof fixedClock>
  readonly video: Video
  readonly mp4: Stream
  readonly hls: Stream
  /** V1 GET (pop-core's default shape), all parameters in the query. */
  v1Get(params: Record<string, string>, options?: V1Options): Promise<LightMyRequestResponse>
  /** V1 POST: common parameters in the query, business ones in a form body (§12.6, older SDKs). */
  v1Post(params: Record<string, string>, options?: V1Options): Promise<LightMyRequestResponse>
  /** V3 ACS3-HMAC-SHA256: business parameters in the query (§12.5). */
  v3(
    action: string,
    query: Record<string, string>,
    options?: V3Options,
  ): Promise<LightMyRequestResponse>
}

export interface V1Options {
  readonly accessKeyId?: string
  readonly secret?: string
  /** Replaces the default common parameters (set one to undefined to drop it). */
  readonly common?: Record<string, string | undefined>
  readonly url?: string
  readonly headers?: Record<string, string>
  readonly app?: FastifyInstance
}

export interface V3Options {
  readonly accessKeyId?: string
  readonly secret?: string
  readonly headers?: Record<string, string>
  readonly date?: string
  readonly nonce?: string
  readonly app?: FastifyInstance
}

export const nonce = () => randomBytes(16).toString('hex')

export async function aliyunWorld(
  t: Pick<TestContext, 'after'>,
  options: {
    env?: Record<string, string>
    overrides?: RuntimeOverrides
    /** Where the world's clock starts (EPOCH by default), or the clock itself. */
    at?: string
    clock?: ReturnType<typeof fixedClock>
  } = {},
): Promise<World> {
  const clock = options.clock ?? fixedClock(options.at ?? EPOCH)
  const built = await buildTestApp(t, {
    env: { PLAYGATE_MEDIA_ROOT: MEDIA_ROOT, ...options.env },
    overrides: { clock, ...options.overrides },
  })
  const { services } = built
  await services.tenants.create({ id: TENANT_ID, name: 'Aliyun test' })
  await services.accessKeys.issue({
    tenantId: TENANT_ID,
    protocol: 'aliyun',
    keyId: ACCESS_KEY_ID,
    secret: ACCESS_KEY_SECRET,
  })
  await services.playDomains.create({
    tenantId: TENANT_ID,
    host: PLAY_HOST,
    scheme: 'aliyun-a',
    ttlSeconds: 1800,
    isDefault: true,
    primaryKey: PLAY_KEY,
  })
  await services.videos.create({
    tenantId: TENANT_ID,
    id: VIDEO_ID,
    referenceId: 'demo-ref',
    title: 'Demo',
    description: 'The bundled sample',
    tags: ['demo', 'sample'],
    coverUrl: COVER_URL,
  })
  const mp4 = await services.videos.addStream({ videoId: VIDEO_ID, location: 'demo/mp4/demo.mp4' })
  const hls = await services.videos.addStream({
    videoId: VIDEO_ID,
    location: 'demo/hls/master.m3u8',
  })
  const video = await services.videos.get(VIDEO_ID)

  const common = (o: V1Options = {}) => {
    const base: Record<string, string | undefined> = {
      AccessKeyId: o.accessKeyId ?? ACCESS_KEY_ID,
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce(),
      SignatureVersion: '1.0',
      Timestamp: formatTimestamp(clock.now()),
      Version: '2017-03-21',
      ...o.common,
    }
    return Object.fromEntries(
      Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined),
    )
  }

  return {
    ...built,
    clock,
    video,
    mp4,
    hls,
    v1Get(params, o = {}) {
      const query = signedQueryV1(
        {
          method: 'GET',
          params: { ...common(o), ...params },
          secret: o.secret ?? ACCESS_KEY_SECRET,
        },
        nodeCrypto,
      )
      return (o.app ?? built.app).inject({
        method: 'GET',
        url: `${o.url ?? '/'}?${query}`,
        headers: o.headers,
      })
    },
    v1Post(params, o = {}) {
      const head = common(o)
      const signedQuery = signedQueryV1(
        { method: 'POST', params: { ...head, ...params }, secret: o.secret ?? ACCESS_KEY_SECRET },
        nodeCrypto,
      )
      // Keep the common parameters (and the signature) in the query, the rest in the body.
      const signature = new URLSearchParams(signedQuery).get('Signature')!
      const query = new URLSearchParams({ ...head, Signature: signature }).toString()
      return (o.app ?? built.app).inject({
        method: 'POST',
        url: `${o.url ?? '/'}?${query}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...o.headers },
        payload: new URLSearchParams(params).toString(),
      })
    },
    v3(action, query, o = {}) {
      const headers: Record<string, string> = {
        host: '127.0.0.1:8080',
        'x-acs-action': action,
        'x-acs-version': '2017-03-21',
        'x-acs-date': o.date ?? formatTimestamp(clock.now()),
        'x-acs-signature-nonce': o.nonce ?? nonce(),
        ...o.headers,
      }
      const signed = signV3(
        {
          method: 'POST',
          query,
          headers,
          accessKeyId: o.accessKeyId ?? ACCESS_KEY_ID,
          secret: o.secret ?? ACCESS_KEY_SECRET,
        },
        nodeCrypto,
      )
      return (o.app ?? built.app).inject({
        method: 'POST',
        url: `/?${new URLSearchParams(query).toString()}`,
        headers: {
          ...headers,
          'x-acs-content-sha256': signed.contentSha256,
          accept: 'application/json',
          authorization: signed.authorization,
        },
      })
    },
  }
}

/** The body of a JSON response, parsed. */
export function json(res: { body: string }): Record<string, any> {
  return JSON.parse(res.body) as Record<string, any>
}
