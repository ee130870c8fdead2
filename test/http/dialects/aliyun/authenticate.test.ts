// Authentication of the three wire shapes with the exact requests the official SDKs sent
// (aliyun-vod.md §12 [WIRE] vectors, secret testAccessKeySecret), and the refusals of §4, §5, §8.2.
import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { describe, it } from 'node:test'
import { signedQueryV1 } from '../../../../src/core/schemes/aliyun-rpc/sign.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import { TENANT_ID, aliyunWorld, json, nonce, type World } from './world.ts'

/** The video id and clock of the §12 wire captures. */
const WIRE_VIDEO = 'dfde02284a5c46622a097adaf44a0001'
const WIRE_TIME = '2026-11-22T05:43:36Z'

async function wireWorld(t: Parameters<typeof aliyunWorld>[0]): Promise<World> {
  const world = await aliyunWorld(t, { at: WIRE_TIME })
  await world.services.videos.create({ tenantId: TENANT_ID, id: WIRE_VIDEO, title: 'Wire' })
  return world
}

function expectPlayAuth(res: { statusCode: number; body: string }) {
  assert.equal(res.statusCode, 200, res.body)
  const body = json(res)
  assert.equal(body.VideoMeta.VideoId, WIRE_VIDEO)
  assert.equal(typeof body.PlayAuth, 'string')
}

describe('aliyun dialect: the SDKs’ wire requests (§12)', () => {
  it('accepts pop-core’s V1 GET (§12.2, mrb6eUWh…)', async (t) => {
    const w = await wireWorld(t)
    const res = await w.app.inject({
      method: 'GET',
      url: '/?AccessKeyId=testAccessKeyId&Action=GetVideoPlayAuth&AuthInfoTimeout=3000&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=d77ddf40d43f4cc2030cf336d56d1521&SignatureVersion=1.0&Timestamp=2026-11-22T05%3A43%3A36Z&Version=2017-03-21&VideoId=dfde02284a5c46622a097adaf44a0001&Signature=mrb6eUWhL96vQsMLHSBkkQD0VF0%3D',
      headers: { 'x-acs-action': 'GetVideoPlayAuth', 'x-acs-version': '2017-03-21' },
    })
    expectPlayAuth(res)
  })

  it('accepts pop-core’s V1 POST form body (§12.3, r9H01dFa…), also under /aliyun/', async (t) => {
    const w = await wireWorld(t)
    const payload =
      'AccessKeyId=testAccessKeyId&Action=GetVideoPlayAuth&AuthInfoTimeout=3000&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=5ef75448377054b2a995b48dd83141c2&SignatureVersion=1.0&Timestamp=2026-11-22T05%3A43%3A36Z&Version=2017-03-21&VideoId=dfde02284a5c46622a097adaf44a0001&Signature=r9H01dFa42JJGIU9qUoiqYI9VKI%3D'
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-acs-action': 'GetVideoPlayAuth',
    }
    expectPlayAuth(await w.app.inject({ method: 'POST', url: '/', headers, payload }))
    // The same request again is a replay, wherever it is sent.
    const again = await w.app.inject({ method: 'POST', url: '/aliyun/', headers, payload })
    assert.equal(again.statusCode, 400)
    assert.equal(json(again).Code, 'SignatureNonceUsed')
  })

  it('accepts openapi-client’s V1 mode: POST, everything in the query, Format=json (§12.6)', async (t) => {
    const w = await wireWorld(t)
    const res = await w.app.inject({
      method: 'POST',
      url: '/?Action=GetVideoPlayAuth&Format=json&Version=2017-03-21&Timestamp=2026-11-22T05%3A43%3A36Z&SignatureNonce=e2be6738f04cd2c47177f3ab740362b8&VideoId=dfde02284a5c46622a097adaf44a0001&AuthInfoTimeout=3000&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=testAccessKeyId&Signature=wmphhaELh1ytDl1gPEfg3BxsosY%3D',
      headers: { 'x-acs-action': 'GetVideoPlayAuth', 'content-length': '0' },
    })
    expectPlayAuth(res)
  })

  it('accepts openapi-client’s default V3 ACS3-HMAC-SHA256 with host:port (§12.5, a26d4c20…)', async (t) => {
    const w = await wireWorld(t)
    const res = await w.app.inject({
      method: 'POST',
      url: '/?VideoId=dfde02284a5c46622a097adaf44a0001&AuthInfoTimeout=3000',
      headers: {
        host: '127.0.0.1:8080',
        'x-acs-version': '2017-03-21',
        'x-acs-action': 'GetVideoPlayAuth',
        'x-acs-date': '2026-11-22T05:43:36Z',
        'x-acs-signature-nonce': '1bfb8ff6594cff872652461d9c86bd18',
        accept: 'application/json',
        'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-acs-credentials-provider': 'static_ak',
        authorization:
          'ACS3-HMAC-SHA256 Credential=testAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=a26d4c205540066500b5b1f55bc7b7a9148d4cddee6026d2cc531b67876d5fa1',
        'content-length': '0',
      },
    })
    expectPlayAuth(res)
    assert.equal(res.headers['content-type'], 'application/json;charset=utf-8')
  })

  it('de-chunks an older Tea SDK’s chunked form body before verifying (§12.6, wlR3O2WC…)', async (t) => {
    const w = await wireWorld(t)
    await w.app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = w.app.server.address() as { port: number }
    const answer = await new Promise<{ statusCode: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/?Action=GetVideoPlayAuth&Format=json&Version=2017-03-21&Timestamp=2026-11-22T05%3A45%3A27Z&SignatureNonce=001b73741a9be444963b2d5e255b958e&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=testAccessKeyId&Signature=wlR3O2WCczS3ARIZy0xEtjNfTwQ%3D',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          let body = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (body += chunk))
          res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, body }))
        },
      )
      req.on('error', reject)
      req.write('VideoId=dfde02284a5c46622a097adaf4')
      req.end('4a0001&AuthInfoTimeout=3000')
    })
    expectPlayAuth(answer)
  })
})

describe('aliyun dialect: authentication refusals', () => {
  it('answers SignatureDoesNotMatch (400) with the server string-to-sign', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v1Get({ Action: 'GetVideoInfo', VideoId: 'x' }, { secret: 'wrong' })
    assert.equal(res.statusCode, 400)
    const body = json(res)
    assert.equal(body.Code, 'SignatureDoesNotMatch')
    assert.match(
      body.Message,
      /^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetVideoInfo%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D[0-9a-f]{32}%26SignatureVersion%3D1\.0%26Timestamp%3D2026-01-01T00%253A00%253A00Z%26Version%3D2017-03-21%26VideoId%3Dx$/,
    )
  })

  it('refuses a GET signature replayed as POST', async (t) => {
    const w = await aliyunWorld(t)
    const query = signedQueryV1(
      {
        method: 'GET',
        params: {
          AccessKeyId: 'testAccessKeyId',
          Action: 'GetVideoInfo',
          Format: 'JSON',
          SignatureMethod: 'HMAC-SHA1',
          SignatureNonce: nonce(),
          SignatureVersion: '1.0',
          Timestamp: '2026-01-01T00:00:00Z',
          Version: '2017-03-21',
          VideoId: 'x',
        },
        secret: 'testAccessKeySecret',
      },
      nodeCrypto,
    )
    const post = await w.app.inject({ method: 'POST', url: `/?${query}` })
    assert.equal(json(post).Code, 'SignatureDoesNotMatch')
    assert.match(json(post).Message, /server string to sign is:POST&%2F&/)
  })

  it('answers InvalidAccessKeyId.NotFound (404) and .Inactive (400)', async (t) => {
    const w = await aliyunWorld(t)
    const unknown = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: 'x' },
      { accessKeyId: 'LTAInope' },
    )
    assert.equal(unknown.statusCode, 404)
    assert.equal(json(unknown).Code, 'InvalidAccessKeyId.NotFound')
    const [key] = (await w.services.accessKeys.list(TENANT_ID)).items
    await w.services.accessKeys.update(key!.id, { status: 'disabled' })
    const inactive = await w.v1Get({ Action: 'GetVideoInfo', VideoId: 'x' })
    assert.equal(inactive.statusCode, 400)
    assert.equal(json(inactive).Code, 'InvalidAccessKeyId.Inactive')
  })

  it('answers OperationDenied.Suspended (403) for a suspended account', async (t) => {
    const w = await aliyunWorld(t)
    await w.services.tenants.update(TENANT_ID, { status: 'suspended' })
    for (const res of [
      await w.v1Get({ Action: 'GetVideoPlayAuth', VideoId: 'x' }),
      await w.v3('GetVideoPlayAuth', { VideoId: 'x' }),
    ]) {
      assert.equal(res.statusCode, 403)
      assert.equal(json(res).Code, 'OperationDenied.Suspended')
      assert.equal(json(res).Message, 'Your VOD service is suspended.')
    }
  })

  it('names each missing common parameter the gateway way (Missing{Param})', async (t) => {
    const w = await aliyunWorld(t)
    for (const name of [
      'SignatureMethod',
      'SignatureVersion',
      'AccessKeyId',
      'SignatureNonce',
      'Timestamp',
      'Version',
    ]) {
      const res = await w.v1Get(
        { Action: 'GetVideoInfo', VideoId: 'x' },
        { common: { [name]: undefined } },
      )
      assert.equal(res.statusCode, 400, name)
      assert.deepEqual(
        [json(res).Code, json(res).Message],
        [`Missing${name}`, `${name} is mandatory for this action.`],
      )
    }
    const noAction = await w.v1Get({})
    assert.equal(json(noAction).Code, 'MissingAction')
  })

  it('answers InvalidSignatureMethod, InvalidSignatureVersion and InvalidVersion', async (t) => {
    const w = await aliyunWorld(t)
    const cases = [
      [{ SignatureMethod: 'HMAC-SHA256' }, 'InvalidSignatureMethod'],
      [{ SignatureVersion: '2.0' }, 'InvalidSignatureVersion'],
      [{ Version: '2014-05-26' }, 'InvalidVersion'],
    ] as const
    for (const [common, code] of cases) {
      const res = await w.v1Get({ Action: 'GetVideoInfo', VideoId: 'x' }, { common })
      assert.equal(res.statusCode, 400)
      assert.equal(json(res).Code, code)
    }
    const lower = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: 'x' },
      { common: { SignatureMethod: 'Hmac-SHA1' } },
    )
    assert.equal(json(lower).Code, 'InvalidVideo.NotFound')
  })

  it('answers InvalidAction.NotFound (404) for an unknown or wrongly cased action', async (t) => {
    const w = await aliyunWorld(t)
    for (const Action of ['DeleteVideo', 'getPlayInfo', 'toString', '__proto__']) {
      const res = await w.v1Get({ Action })
      assert.equal(res.statusCode, 404)
      assert.equal(json(res).Code, 'InvalidAction.NotFound')
    }
    const path = await w.app.inject({ method: 'GET', url: '/aliyun/nothing/here?x=1' })
    assert.equal(path.statusCode, 404)
    assert.equal(json(path).Code, 'InvalidAction.NotFound')
  })

  it('answers UnsupportedHTTPMethod for PUT and IncompleteSignature for a broken V3 header', async (t) => {
    const w = await aliyunWorld(t)
    const put = await w.app.inject({
      method: 'PUT',
      url: `/?Action=GetVideoInfo&Format=JSON&SignatureNonce=${nonce()}`,
    })
    assert.equal(json(put).Code, 'UnsupportedHTTPMethod')
    const v3 = await w.v3('GetVideoInfo', { VideoId: 'x' }, { headers: { 'x-acs-date': '' } })
    assert.equal(json(v3).Code, 'IncompleteSignature')
    const algo = await w.app.inject({
      method: 'POST',
      url: '/',
      headers: {
        'x-acs-action': 'GetVideoInfo',
        'x-acs-version': '2017-03-21',
        authorization: 'ACS3-HMAC-SM3 Credential=a,SignedHeaders=host,Signature=00',
      },
    })
    assert.equal(json(algo).Code, 'InvalidSignatureMethod')
  })

  it('answers InvalidParameter.Format for a Format other than JSON/XML, in JSON', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v1Get(
      { Action: 'GetVideoInfo', VideoId: 'x' },
      { common: { Format: 'YAML' } },
    )
    assert.equal(res.statusCode, 400)
    assert.equal(res.headers['content-type'], 'application/json;charset=utf-8')
    assert.equal(json(res).Code, 'InvalidParameter.Format')
  })

  it('never answers 500 to malformed input', async (t) => {
    const w = await aliyunWorld(t)
    const urls = [
      '/?Action=GetVideoInfo&Version=2017-03-21&VideoId=%E0%A4%A',
      '/?Action=GetVideoInfo&Action=GetPlayInfo&Version=2017-03-21',
      '/aliyun/?Action=GetVideoInfo&Version=2017-03-21&AccessKeyId=STS.x&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&Signature=x&SignatureNonce=1&Timestamp=2026-01-01T00:00:00Z',
      '/aliyun/?Action=GetVideoInfo&Version=2017-03-21&Timestamp=2026-02-30T00:00:00Z&AccessKeyId=a&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&Signature=x&SignatureNonce=1',
    ]
    for (const url of urls) {
      const res = await w.app.inject({ method: 'GET', url })
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} → ${res.statusCode}`)
      // XML when Format is absent (V1's documented default, §2), JSON when it could not be read.
      assert.match(res.body, /<Code>[A-Za-z.]+<\/Code>|"Code":"[A-Za-z.]+"/)
    }
    const binary = await w.app.inject({
      method: 'POST',
      url: '/aliyun/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: Buffer.from([0xff, 0xfe, 0x25, 0x41]),
    })
    assert.equal(binary.statusCode, 400)
    const huge = await w.app.inject({
      method: 'POST',
      url: '/aliyun/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: Buffer.alloc(2 * 1024 * 1024, 0x61),
    })
    assert.deepEqual([huge.statusCode, json(huge).Code], [400, 'InvalidParameter'])
  })
})
