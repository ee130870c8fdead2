// The Tencent dialect through app.inject(): routing at `/` and `/tencent/`, the envelope (HTTP 200,
// RequestId, X-TC-TraceId), clock window, replays, limits, tenant status and hostile input.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { PLAY_HOST, TENANT_ID, tencentWorld } from './world.ts'

function wire(res: LightMyRequestResponse): {
  code: string | undefined
  body: Record<string, unknown>
} {
  assert.equal(res.statusCode, 200, res.body)
  assert.match(String(res.headers['content-type']), /^application\/json\b/)
  const body = res.json<{ Response: Record<string, unknown> }>().Response
  assert.match(String(body.RequestId), /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/)
  return { code: (body.Error as { Code?: string } | undefined)?.Code, body }
}

const describe1 = { DomainName: PLAY_HOST }

describe('tencent dialect', () => {
  it('answers at / and under /tencent/, echoing X-TC-TraceId', async (t) => {
    const w = await tencentWorld(t)
    const root = await w.tc3('DescribeLivePlayAuthKey', describe1, {
      headers: { 'x-tc-traceid': 'trace-1' },
    })
    assert.equal(root.headers['x-tc-traceid'], 'trace-1')
    assert.equal(wire(root).code, undefined)
    const prefixed = await w.tc3('DescribeLivePlayAuthKey', describe1, { url: '/tencent/' })
    assert.equal(wire(prefixed).code, undefined)
    const unknownPath = await w.app.inject({ method: 'GET', url: '/tencent/nope' })
    assert.equal(wire(unknownPath).code, 'InvalidAction')
  })

  it('refuses stale and future timestamps, a scope of another day, and a wrong version', async (t) => {
    const w = await tencentWorld(t)
    assert.equal(
      wire(await w.tc3('DescribeLivePlayAuthKey', describe1, { timestamp: w.now() - 301 })).code,
      'AuthFailure.SignatureExpire',
    )
    assert.equal(
      wire(await w.tc3('DescribeLivePlayAuthKey', describe1, { timestamp: w.now() + 301 })).code,
      'AuthFailure.SignatureExpire',
    )
    assert.equal(
      wire(await w.tc3('DescribeLivePlayAuthKey', describe1, { version: '2017-01-01' })).code,
      'NoSuchVersion',
    )
    const v1Stale = await w.v1({
      Action: 'DescribeLivePlayAuthKey',
      DomainName: PLAY_HOST,
      Timestamp: String(w.now() - 400),
    })
    assert.equal(wire(v1Stale).code, 'AuthFailure.SignatureExpire')
  })

  it('refuses a replayed v1 nonce and a replayed Modify, but not a repeated Describe', async (t) => {
    const w = await tencentWorld(t)
    const params = { Action: 'DescribeLivePlayAuthKey', DomainName: PLAY_HOST, Nonce: '42' }
    assert.equal(wire(await w.v1(params)).code, undefined)
    assert.equal(wire(await w.v1(params)).code, 'AuthFailure.SignatureFailure')
    const modify = { DomainName: PLAY_HOST, AuthDelta: 100 }
    assert.equal(wire(await w.tc3('ModifyLivePlayAuthKey', modify)).code, undefined)
    assert.equal(
      wire(await w.tc3('ModifyLivePlayAuthKey', modify)).code,
      'AuthFailure.SignatureFailure',
    )
    assert.equal(wire(await w.tc3('DescribeLivePlayAuthKey', describe1)).code, undefined)
    assert.equal(wire(await w.tc3('DescribeLivePlayAuthKey', describe1)).code, undefined)
  })

  it('answers a suspended tenant FreezeService and a disabled one UserDisableService', async (t) => {
    const w = await tencentWorld(t)
    await w.services.tenants.update(TENANT_ID, { status: 'suspended' })
    assert.equal(
      wire(await w.tc3('DescribeLivePlayAuthKey', describe1)).code,
      'ResourceNotFound.FreezeService',
    )
    await w.services.tenants.update(TENANT_ID, { status: 'disabled' })
    assert.equal(
      wire(await w.tc3('DescribeLivePlayAuthKey', describe1)).code,
      'ResourceNotFound.UserDisableService',
    )
  })

  it('takes the per-action limit from the config', async (t) => {
    const w = await tencentWorld(t, {
      env: { PLAYGATE_LIMITS_TENCENT_DESCRIBE_LIVE_PLAY_AUTH_KEY: '2' },
    })
    assert.equal(wire(await w.tc3('DescribeLivePlayAuthKey', describe1)).code, undefined)
    assert.equal(wire(await w.tc3('DescribeLivePlayAuthKey', describe1)).code, undefined)
    const limited = await w.tc3('DescribeLivePlayAuthKey', describe1)
    assert.equal(wire(limited).code, 'RequestLimitExceeded')
    assert.equal(limited.headers['retry-after'], '1')
  })

  const hostile: readonly [
    string,
    (w: Awaited<ReturnType<typeof tencentWorld>>) => Promise<LightMyRequestResponse>,
    string,
  ][] = [
    [
      'no Authorization',
      (w) =>
        w.app.inject({
          method: 'POST',
          url: '/',
          headers: {
            'x-tc-action': 'DescribeLivePlayAuthKey',
            'x-tc-version': '2018-08-01',
            'content-type': 'application/json',
          },
          payload: '{}',
        }),
      'AuthFailure.InvalidAuthorization',
    ],
    [
      'a garbage Authorization',
      (w) =>
        w.tc3('DescribeLivePlayAuthKey', describe1, {
          headers: { authorization: 'TC3-HMAC-SHA256 garbage' },
        }),
      'AuthFailure.InvalidAuthorization',
    ],
    [
      'a body that is not JSON',
      (w) => w.tc3('DescribeLivePlayAuthKey', {}, { body: '{"DomainName":' }),
      'InvalidParameter',
    ],
    [
      'a JSON array body',
      (w) => w.tc3('DescribeLivePlayAuthKey', {}, { body: '[1]' }),
      'InvalidParameter',
    ],
    [
      'a NUL in a parameter',
      (w) => w.tc3('DescribeLivePlayAuthKey', { DomainName: 'a\u0000b' }),
      'InvalidParameter',
    ],
    [
      'a number for DomainName',
      (w) => w.tc3('DescribeLivePlayAuthKey', { DomainName: 5 }),
      'InvalidParameter',
    ],
    [
      'a body changed after signing',
      (w) =>
        w.tc3('DescribeLivePlayAuthKey', describe1, {
          headers: { 'content-type': 'application/json; x=1' },
        }),
      'AuthFailure.SignatureFailure',
    ],
    [
      'a PUT',
      (w) =>
        w.app.inject({
          method: 'PUT',
          url: '/tencent/',
          headers: { 'x-tc-action': 'DescribeLivePlayAuthKey' },
        }),
      'UnsupportedProtocol',
    ],
    [
      'no action',
      (w) => w.app.inject({ method: 'GET', url: '/tencent/?SecretId=x' }),
      'MissingParameter',
    ],
    [
      'a malformed escape',
      (w) => w.app.inject({ method: 'GET', url: '/tencent/?SecretId=%zz' }),
      'InvalidParameter',
    ],
    [
      'an unknown SignatureMethod',
      (w) =>
        w.v1({
          Action: 'DescribeLivePlayAuthKey',
          DomainName: PLAY_HOST,
          SignatureMethod: 'HmacMD5',
        }),
      'InvalidParameterValue',
    ],
    [
      'a non-numeric Nonce',
      (w) => w.v1({ Action: 'DescribeLivePlayAuthKey', DomainName: PLAY_HOST, Nonce: 'abc' }),
      'InvalidParameter',
    ],
    [
      'a SecretId that is no key',
      (w) =>
        w.app.inject({
          method: 'GET',
          url: `/?Action=DescribeLivePlayAuthKey&Version=2018-08-01&SecretId=${'%3C'.repeat(3)}&Timestamp=${w.now()}&Nonce=1&Signature=x`,
        }),
      'AuthFailure.InvalidSecretId',
    ],
    [
      'an oversized body',
      (w) =>
        w.tc3(
          'DescribeLivePlayAuthKey',
          {},
          { body: JSON.stringify({ DomainName: 'x'.repeat(2_000_000) }) },
        ),
      'RequestSizeLimitExceeded',
    ],
  ]
  for (const [what, send, code] of hostile) {
    it(`answers ${what} with ${code}, HTTP 200`, async (t) => {
      const w = await tencentWorld(t)
      assert.equal(wire(await send(w)).code, code)
    })
  }
})
