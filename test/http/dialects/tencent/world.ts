// A PlayGate with one Tencent account (SecretId AKIDEXAMPLE, as in tencent-live.md's wire
// vectors) and a live play domain, plus a TC3 signing client for inject()-level tests.
import type { TestContext } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { fixedClock } from '../../../../src/core/ports.ts'
import type { PlayDomainWithKeys } from '../../../../src/core/model.ts'
import { signTc3, signV1 } from '../../../../src/core/schemes/tencent-tc3/sign.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { buildTestApp, type TestApp } from '../../../helpers/build-app.ts'

export const TENANT_ID = 'tn_tencenttest'
export const SECRET_ID = 'AKIDEXAMPLE'
export const SECRET_KEY = 'SECRETEXAMPLE'
export const PLAY_HOST = 'play.example.com'
export const AUTH_KEY = 'AKID0QJ82oYdLJ'
export const AUTH_BACK_KEY = 'lbPUl5VIKKFB1KazNB'

export interface Tc3Options {
  readonly method?: 'GET' | 'POST'
  readonly version?: string
  readonly timestamp?: number
  readonly secretKey?: string
  readonly headers?: Record<string, string>
  /** POST only: the exact body to send instead of JSON of params. */
  readonly body?: string
  readonly url?: string
}

export interface World extends TestApp {
  readonly clock: ReturnType<typeof fixedClock>
  readonly domain: PlayDomainWithKeys
  /** Unix seconds of the world's clock. */
  now(): number
  tc3(
    action: string,
    params: Record<string, unknown>,
    options?: Tc3Options,
  ): Promise<LightMyRequestResponse>
  v1(
    params: Record<string, string>,
    options?: {
      method?: 'GET' | 'POST'
      signatureMethod?: 'HmacSHA1' | 'HmacSHA256'
      secretKey?: string
    },
  ): Promise<LightMyRequestResponse>
}

export async function tencentWorld(
  t: Pick<TestContext, 'after'>,
  options: { env?: Record<string, string>; clock?: ReturnType<typeof fixedClock> } = {},
): Promise<World> {
  const clock = options.clock ?? fixedClock('2026-11-22T08:00:00Z')
  const app = await buildTestApp(t, {
    env: { PLAYGATE_LOG_LEVEL: 'warn', ...options.env },
    overrides: { clock },
  })
  await app.services.tenants.create({ id: TENANT_ID, name: 'Tencent tests' })
  await app.services.accessKeys.issue({
    tenantId: TENANT_ID,
    protocol: 'tencent',
    keyId: SECRET_ID,
    secret: SECRET_KEY,
  })
  const domain = await app.services.playDomains.create({
    tenantId: TENANT_ID,
    host: PLAY_HOST,
    scheme: 'tencent-live',
    ttlSeconds: 300,
    primaryKey: AUTH_KEY,
    backupKey: AUTH_BACK_KEY,
  })
  const now = () => Math.floor(clock.now() / 1000)
  let nonce = 1
  return {
    ...app,
    clock,
    domain,
    now,
    tc3(action, params, o = {}) {
      const method = o.method ?? 'POST'
      const query =
        method === 'GET' ? new URLSearchParams(params as Record<string, string>).toString() : ''
      const body = method === 'POST' ? (o.body ?? JSON.stringify(params)) : ''
      const contentType =
        method === 'POST' ? 'application/json' : 'application/x-www-form-urlencoded'
      const timestamp = o.timestamp ?? now()
      const signed = signTc3(
        {
          method,
          host: 'localhost',
          contentType,
          query,
          body,
          timestamp,
          service: 'live',
          secretId: SECRET_ID,
          secretKey: o.secretKey ?? SECRET_KEY,
        },
        nodeCrypto,
      )
      return app.app.inject({
        method,
        url: o.url ?? (query ? `/?${query}` : '/'),
        headers: {
          host: 'localhost:80',
          'content-type': contentType,
          'x-tc-action': action,
          'x-tc-version': o.version ?? '2018-08-01',
          'x-tc-timestamp': String(timestamp),
          authorization: signed.authorization,
          ...o.headers,
        },
        ...(method === 'POST' ? { payload: body } : {}),
      })
    },
    v1(params, o = {}) {
      const method = o.method ?? 'GET'
      const signatureMethod = o.signatureMethod ?? 'HmacSHA256'
      const pairs: [string, string][] = Object.entries({
        Version: '2018-08-01',
        Timestamp: String(now()),
        Nonce: String(nonce++),
        SecretId: SECRET_ID,
        SignatureMethod: signatureMethod,
        ...params,
      })
      const { signature } = signV1(
        {
          method,
          host: 'localhost:80',
          params: pairs,
          secretKey: o.secretKey ?? SECRET_KEY,
          signatureMethod,
        },
        nodeCrypto,
      )
      const encoded = new URLSearchParams([...pairs, ['Signature', signature]]).toString()
      return app.app.inject({
        method,
        url: method === 'GET' ? `/?${encoded}` : '/',
        headers: {
          host: 'localhost:80',
          'x-tc-traceid': 't-1',
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(method === 'POST' ? { payload: encoded } : {}),
      })
    },
  }
}
