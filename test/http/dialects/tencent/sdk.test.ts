// tencentcloud-sdk-nodejs-common against a listening PlayGate on 127.0.0.1 (tencent-live.md §6):
// TC3 POST and GET, HmacSHA256 and HmacSHA1, every action, and the error cases the SDK surfaces.
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { describe, it, type TestContext } from 'node:test'
import { CommonClient, type ClientConfig } from 'tencentcloud-sdk-nodejs-common'
import { fixedClock } from '../../../../src/core/ports.ts'
import {
  AUTH_BACK_KEY,
  AUTH_KEY,
  PLAY_HOST,
  SECRET_ID,
  SECRET_KEY,
  tencentWorld,
  type World,
} from './world.ts'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A world listening on 127.0.0.1 whose clock is now (the SDK stamps requests with real time). */
async function listening(t: TestContext): Promise<{ world: World; port: number }> {
  const port = await freePort()
  const world = await tencentWorld(t, {
    env: { PLAYGATE_HTTP_PORT: String(port) },
    clock: fixedClock(Date.now()),
  })
  await world.app.listen({ host: '127.0.0.1', port })
  return { world, port }
}

type Profile = NonNullable<ClientConfig['profile']>

function client(port: number, profile: Profile = {}, secretKey = SECRET_KEY): CommonClient {
  return new CommonClient('live.tencentcloudapi.com', '2018-08-01', {
    credential: { secretId: SECRET_ID, secretKey },
    region: '',
    profile: {
      ...profile,
      httpProfile: { endpoint: `127.0.0.1:${port}`, protocol: 'http://', ...profile.httpProfile },
    },
  })
}

async function failure(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call
  } catch (error) {
    return error as Record<string, unknown>
  }
  throw new assert.AssertionError({ message: 'the call succeeded' })
}

const PROFILES: readonly [string, Profile][] = [
  ['TC3 POST', {}],
  ['TC3 GET', { httpProfile: { reqMethod: 'GET' } }],
  ['HmacSHA256 POST', { signMethod: 'HmacSHA256' }],
  ['HmacSHA1 GET', { signMethod: 'HmacSHA1', httpProfile: { reqMethod: 'GET' } }],
]

describe('tencent SDK contract', () => {
  for (const [name, profile] of PROFILES) {
    it(`${name}: every action, and a Modify that the next Describe sees`, async (t) => {
      const { port } = await listening(t)
      const sdk = client(port, profile)
      const described = await sdk.request('DescribeLivePlayAuthKey', { DomainName: PLAY_HOST })
      assert.match(
        String(described.RequestId),
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      )
      assert.deepEqual(described.PlayAuthKeyInfo, {
        DomainName: PLAY_HOST,
        Enable: 1,
        AuthKey: AUTH_KEY,
        AuthDelta: 300,
        AuthBackKey: AUTH_BACK_KEY,
      })
      const modified = await sdk.request('ModifyLivePlayAuthKey', {
        DomainName: PLAY_HOST,
        AuthDelta: 600,
        AuthBackKey: 'next',
      })
      assert.deepEqual(Object.keys(modified), ['RequestId'])
      const after = await sdk.request('DescribeLivePlayAuthKey', { DomainName: PLAY_HOST })
      assert.deepEqual(after.PlayAuthKeyInfo, {
        DomainName: PLAY_HOST,
        Enable: 1,
        AuthKey: AUTH_KEY,
        AuthDelta: 600,
        AuthBackKey: 'next',
      })
      const one = await sdk.request('DescribeLiveDomain', { DomainName: PLAY_HOST })
      assert.equal((one.DomainInfo as { Name: string }).Name, PLAY_HOST)
      const list = await sdk.request('DescribeLiveDomains', { PageSize: 10, PageNum: 1 })
      assert.equal(list.AllCount, 1)
      assert.deepEqual(
        (list.DomainList as { Name: string; Type: number }[]).map((d) => [d.Name, d.Type]),
        [[PLAY_HOST, 1]],
      )
    })
  }

  it('reports a disabled domain with empty keys and zeros', async (t) => {
    const { port } = await listening(t)
    const sdk = client(port)
    await sdk.request('ModifyLivePlayAuthKey', { DomainName: PLAY_HOST, Enable: 0 })
    const described = await sdk.request('DescribeLivePlayAuthKey', { DomainName: PLAY_HOST })
    assert.deepEqual(described.PlayAuthKeyInfo, {
      DomainName: PLAY_HOST,
      Enable: 0,
      AuthKey: '',
      AuthDelta: 0,
      AuthBackKey: '',
    })
  })

  it('surfaces Tencent error codes through the SDK: signature, domain, parameters, action', async (t) => {
    const { port } = await listening(t)
    const wrong = await failure(
      client(port, {}, 'wrong').request('DescribeLivePlayAuthKey', { DomainName: PLAY_HOST }),
    )
    assert.equal(wrong.code, 'AuthFailure.SignatureFailure')
    assert.equal(
      wrong.message,
      'The provided credentials could not be validated. Please check your signature is correct.',
    )
    assert.match(String(wrong.requestId), /^[0-9a-f-]{36}$/)
    assert.match(String(wrong.traceId), /^[0-9a-f-]{36}$/)
    const v1wrong = await failure(
      client(port, { signMethod: 'HmacSHA1' }, 'wrong').request('DescribeLivePlayAuthKey', {
        DomainName: PLAY_HOST,
      }),
    )
    assert.equal(v1wrong.code, 'AuthFailure.SignatureFailure')
    const sdk = client(port)
    assert.equal(
      (await failure(sdk.request('DescribeLivePlayAuthKey', { DomainName: 'nope.example.com' })))
        .code,
      'ResourceNotFound.PlayDomainNoRecord',
    )
    assert.equal(
      (await failure(sdk.request('DescribeLivePlayAuthKey', {}))).code,
      'MissingParameter',
    )
    assert.equal(
      (await failure(sdk.request('ModifyLivePlayAuthKey', { DomainName: PLAY_HOST, Enable: 2 })))
        .code,
      'InvalidParameterValue',
    )
    assert.equal(
      (
        await failure(
          sdk.request('ModifyLivePlayAuthKey', { DomainName: PLAY_HOST, AuthDelta: 'x' }),
        )
      ).code,
      'InvalidParameter',
    )
    assert.equal(
      (await failure(sdk.request('DescribeLiveStreamState', { DomainName: PLAY_HOST }))).code,
      'InvalidAction',
    )
    assert.equal(
      (await failure(sdk.request('DescribeLivePlayAuthKey', { DomainName: PLAY_HOST, Extra: 1 })))
        .code,
      'UnknownParameter',
    )
  })

  it('answers an unknown SecretId and a temporary token in Tencent terms, in Chinese when asked', async (t) => {
    const { port } = await listening(t)
    const stranger = new CommonClient('live.tencentcloudapi.com', '2018-08-01', {
      credential: { secretId: 'AKIDSTRANGER', secretKey: 'x' },
      region: 'ap-guangzhou',
      profile: {
        language: 'zh-CN',
        httpProfile: { endpoint: `127.0.0.1:${port}`, protocol: 'http://' },
      },
    })
    const unknown = await failure(
      stranger.request('DescribeLivePlayAuthKey', { DomainName: PLAY_HOST }),
    )
    assert.deepEqual(
      [unknown.code, unknown.message],
      ['AuthFailure.SecretIdNotFound', '密钥不存在或已被禁用。'],
    )
    const token = new CommonClient('live.tencentcloudapi.com', '2018-08-01', {
      credential: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'TOKEN123' },
      region: '',
      profile: { httpProfile: { endpoint: `127.0.0.1:${port}`, protocol: 'http://' } },
    })
    assert.equal(
      (await failure(token.request('DescribeLivePlayAuthKey', { DomainName: PLAY_HOST }))).code,
      'AuthFailure.TokenFailure',
    )
  })

  it('refuses the 501st Describe in one second with RequestLimitExceeded', async (t) => {
    const { world, port } = await listening(t)
    // Spend the budget directly: 500 SDK calls would only measure the machine.
    for (let i = 0; i < 500; i++)
      await world.services.rateLimiter.hit(`tencent:tn_tencenttest:DescribeLivePlayAuthKey`, {
        limit: 10_000,
        windowSeconds: 1,
      })
    const limited = await failure(
      client(port).request('DescribeLivePlayAuthKey', { DomainName: PLAY_HOST }),
    )
    assert.equal(limited.code, 'RequestLimitExceeded')
  })
})
