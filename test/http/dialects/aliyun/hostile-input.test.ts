// Hostile input at the Aliyun gateway: every malformed, oversized, duplicated or mistyped request
// gets the spec's code in Aliyun's error shape (aliyun-vod.md §8.1, §8.2, §14), never a 500, and
// XML errors are escaped so the Tea SDKs can parse them (§8.1).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { AppError } from '../../../../src/core/errors.ts'
import { percentEncode } from '../../../../src/core/encoding/percent.ts'
import { stringToSignV1 } from '../../../../src/core/schemes/aliyun-rpc/canonical.ts'
import { signV1 } from '../../../../src/core/schemes/aliyun-rpc/sign.ts'
import { readGetPlayInfo, wireParameterName } from '../../../../src/http/dialects/aliyun/schemas.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'
import {
  ACCESS_KEY_ID,
  ACCESS_KEY_SECRET,
  VIDEO_ID,
  aliyunWorld,
  nonce,
  type World,
} from './world.ts'

type Send = (w: World) => Promise<LightMyRequestResponse>

interface Row {
  readonly name: string
  readonly send: Send
  readonly status: number
  readonly code: string
  /** The exact `Message`, where it is fixed. */
  readonly message?: string
  /** Defaults to JSON. */
  readonly format?: 'XML'
}

const STAMP = '2026-01-01T00:00:00Z'
const SIGNED_COMMON = `AccessKeyId=${ACCESS_KEY_ID}&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&Timestamp=2026-01-01T00%3A00%3A00Z&Version=2017-03-21`

/** A request whose signature is never reached: it fails on reading or on the common checks. */
const raw =
  (query: string, init: { method?: 'GET' | 'POST' | 'DELETE'; payload?: string } = {}): Send =>
  (w) =>
    w.app.inject({
      method: init.method ?? 'GET',
      url: `/aliyun/?${query}`,
      ...(init.payload === undefined
        ? {}
        : {
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: init.payload,
          }),
    })

/** Signed with the right key: only the named parameter is wrong. */
const signed =
  (params: Record<string, string>, common: Record<string, string | undefined> = {}): Send =>
  (w) =>
    w.v1Get(params, { common })

const playInfo = (params: Record<string, string>) =>
  signed({ Action: 'GetPlayInfo', VideoId: VIDEO_ID, ...params })

type Expect = Pick<Row, 'status' | 'code' | 'message' | 'format'>

const invalid = (parameter: string): Expect => ({
  status: 400,
  code: 'InvalidParameter',
  message: `The specified parameter "${parameter}" is not valid.`,
})
const missing = (parameter: string): Expect => ({
  status: 400,
  code: `Missing${parameter}`,
  message: `${parameter} is mandatory for this action.`,
})
const fault = (status: number, code: string, message?: string): Expect => ({
  status,
  code,
  ...(message === undefined ? {} : { message }),
})
const OK: Expect = { status: 200, code: '' }
const NO_ACTION = fault(
  404,
  'InvalidAction.NotFound',
  'Specified api is not found, please check your url and method.',
)
const TOKEN_MALFORMED = fault(
  400,
  'InvalidSecurityToken.Malformed',
  'Specified SecurityToken is malformed.',
)
const INCOMPLETE = fault(
  400,
  'IncompleteSignature',
  'The request signature does not conform to Aliyun standards.',
)

/** Cases sharing one expected answer, by name. */
const cases = (expect: Expect, sends: Record<string, Send>): Row[] =>
  Object.entries(sends).map(([name, send]) => ({ name, send, ...expect }))

/** The same business parameter with each bad value. */
const values = (name: string, bad: readonly string[], send: (value: string) => Send): Row[] =>
  cases(
    invalid(name),
    Object.fromEntries(bad.map((value) => [`${name}=${JSON.stringify(value)}`, send(value)])),
  )

/** A V1 GET signed over a Signature containing '+', sent with '+' raw or as `%20`. */
function plusSignature(spelling: (signature: string) => string): Send {
  return (w) => {
    for (;;) {
      const params: Record<string, string> = {
        AccessKeyId: ACCESS_KEY_ID,
        Action: 'GetVideoInfo',
        Format: 'JSON',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: nonce(),
        SignatureVersion: '1.0',
        Timestamp: STAMP,
        Version: '2017-03-21',
        VideoId: VIDEO_ID,
      }
      const { signature } = signV1({ method: 'GET', params, secret: ACCESS_KEY_SECRET }, nodeCrypto)
      if (!signature.includes('+')) continue
      const query = Object.entries(params)
        .map(([k, v]) => `${k}=${percentEncode(v)}`)
        .join('&')
      return w.app.inject({ method: 'GET', url: `/?${query}&Signature=${spelling(signature)}` })
    }
  }
}

const GET_INFO = 'Action=GetVideoInfo&Version=2017-03-21'
const SIGNED = `Action=GetVideoInfo&${SIGNED_COMMON}&SignatureNonce=n`
const info = { Action: 'GetVideoInfo', VideoId: VIDEO_ID }
const v3 =
  (action: string, options: Parameters<World['v3']>[2] = {}): Send =>
  (w) =>
    w.v3(action, { VideoId: VIDEO_ID }, options)
const sts = (params: Record<string, string>, common: Record<string, undefined> = {}) =>
  signed(
    { Action: 'GetPlayInfo', VideoId: VIDEO_ID, ...params },
    { AccessKeyId: 'STS.x', ...common },
  )

const ROWS: readonly Row[] = [
  // Duplicated parameters: which copy was signed is ambiguous, so neither is taken.
  ...cases(invalid('Action'), {
    'Action sent twice': raw(`${GET_INFO}&Action=GetPlayInfo`),
    'a name in both the query and the form body': raw(SIGNED, {
      method: 'POST',
      payload: 'Action=GetPlayInfo',
    }),
  }),
  ...cases(invalid('VideoId'), { 'VideoId sent twice': raw(`${SIGNED}&VideoId=a&VideoId=b`) }),
  ...cases(invalid('Format'), { 'Format sent twice': raw(`${GET_INFO}&Format=XML&Format=JSON`) }),
  // Huge input.
  ...cases(fault(404, 'InvalidVideo.NotFound', 'The video does not exist.'), {
    'a 100 KB VideoId, correctly signed': signed({ ...info, VideoId: 'v'.repeat(100_000) }),
  }),
  ...cases(fault(400, 'SignatureDoesNotMatch'), {
    '50 000 unsigned parameters': raw(
      `${SIGNED}&Signature=x&${Array.from({ length: 5e4 }, (_, i) => `p${i}=x`).join('&')}`,
    ),
    'a Signature with spaces and pluses': raw(`${SIGNED}&Signature=a+b%20c%2B`),
  }),
  ...cases(invalid('body'), {
    'a 2 MB form body': raw('', { method: 'POST', payload: 'a'.repeat(2 ** 21) }),
  }),
  // Escapes that are not UTF-8, or not escapes.
  ...cases(invalid('QueryString'), {
    'a lone %FF': raw(`${GET_INFO}&VideoId=%FF`),
    'a truncated sequence %E0%A4%A': raw(`${GET_INFO}&VideoId=%E0%A4%A`),
    'an encoded surrogate %ED%A0%80': raw(`${GET_INFO}&VideoId=%ED%A0%80`),
    'an overlong "/" %C0%AF': raw(`${GET_INFO}&VideoId=%C0%AF`),
    'a bad escape %G1 in a name': raw(`${GET_INFO}&%G1=x`),
  }),
  ...cases(invalid('Body'), {
    'a lone % in a form body': raw(SIGNED, { method: 'POST', payload: 'VideoId=%' }),
  }),
  // Regression: %00 reached PostgreSQL, which refuses NUL in text (SQLSTATE 22021), as a 500.
  ...cases(invalid('VideoId'), { 'NUL in VideoId': signed({ ...info, VideoId: 'a\u0000b' }) }),
  ...cases(invalid('ReferenceId'), {
    'NUL in ReferenceId': signed({ Action: 'GetVideoPlayAuth', ReferenceId: '\u0000' }),
  }),
  ...cases(invalid('AccessKeyId'), {
    'NUL in AccessKeyId, before any key lookup': raw(
      `${SIGNED}&Signature=x`.replace(ACCESS_KEY_ID, '%00'),
    ),
  }),
  // Version and Action.
  ...cases(missing('Version'), {
    'no Version': signed(info, { Version: undefined }),
    'V3 without x-acs-version': v3('GetVideoInfo', { headers: { 'x-acs-version': '' } }),
  }),
  ...cases(fault(400, 'InvalidVersion', 'Specified parameter Version is not valid.'), {
    'another Version': signed(info, { Version: '2014-05-26' }),
    'V3 with another x-acs-version': v3('GetVideoInfo', {
      headers: { 'x-acs-version': '2014-05-26' },
    }),
  }),
  ...cases(NO_ACTION, {
    'a lower-case action': signed({ ...info, Action: 'getvideoinfo' }),
    'an upper-case action': signed({ ...info, Action: 'GETPLAYINFO' }),
    'a lower-case V3 x-acs-action': v3('getplayinfo'),
    'Action=__proto__': signed({ Action: '__proto__' }),
    'Action=constructor': signed({ Action: 'constructor' }),
  }),
  ...cases(fault(400, 'UnsupportedHTTPMethod', 'This http method is not supported.'), {
    DELETE: raw(`${GET_INFO}&Format=JSON`, { method: 'DELETE' }),
  }),
  ...cases(
    { ...fault(400, 'UnsupportedHTTPMethod'), format: 'XML' },
    {
      'DELETE without Format (XML, V1’s default)': raw(GET_INFO, { method: 'DELETE' }),
    },
  ),
  // Credentials and signatures.
  ...cases(missing('AccessKeyId'), { 'an empty AccessKeyId': signed(info, { AccessKeyId: '' }) }),
  ...cases(fault(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'), {
    'AccessKeyId=__proto__': signed(info, { AccessKeyId: '__proto__' }),
  }),
  ...cases(INCOMPLETE, {
    'an empty V3 Credential': v3('GetVideoInfo', { accessKeyId: '' }),
    'a V3 Authorization that is not key=value': (w) =>
      w.app.inject({
        method: 'POST',
        url: '/',
        headers: {
          'x-acs-action': 'GetVideoInfo',
          'x-acs-version': '2017-03-21',
          authorization: 'ACS3-HMAC-SHA256 x',
        },
      }),
  }),
  ...cases(fault(400, 'InvalidSignatureMethod', 'Specified signature method is not valid.'), {
    'SignatureMethod=HMAC-SHA256': signed(info, { SignatureMethod: 'HMAC-SHA256' }),
  }),
  ...cases(OK, {
    'a valid Signature with a raw "+" (decoded as a space)': plusSignature((s) => s),
    'a valid Signature with "+" sent as %20': plusSignature((s) => s.replaceAll('+', '%20')),
  }),
  ...cases(missing('SecurityToken'), { 'an STS key without SecurityToken': sts({}) }),
  ...cases(TOKEN_MALFORMED, {
    'an STS key with a garbage SecurityToken': sts({ SecurityToken: 'pg1.<&>.x.y' }),
    'an STS key with AuthInfo that is not JSON': sts(
      { SecurityToken: 'x', AuthInfo: '{' },
      { Timestamp: undefined },
    ),
  }),
  // Common parameters with the wrong shape.
  ...cases(
    fault(
      400,
      'InvalidTimeStamp.Format',
      'Specified time stamp or date value is not well formatted.',
    ),
    {
      'Timestamp=yesterday': signed(info, { Timestamp: 'yesterday' }),
    },
  ),
  ...cases(fault(400, 'InvalidParameter.Format', 'Specified parameter format is not valid.'), {
    'an empty Format': signed(info, { Format: '' }),
    'Format=JSONP': signed(info, { Format: 'JSONP' }),
  }),
  ...cases(
    { ...fault(404, 'InvalidVideo.NotFound', 'The video does not exist.'), format: 'XML' },
    {
      'Format=xml (any case) with an error': signed(
        { ...info, VideoId: 'nope' },
        { Format: 'xml' },
      ),
    },
  ),
  // Business parameters with the wrong type or shape.
  ...values('AuthInfoTimeout', ['abc', '1e3', '100.5', ' ', '0x64', '9'.repeat(20)], (v) =>
    signed({ Action: 'GetVideoPlayAuth', VideoId: VIDEO_ID, AuthInfoTimeout: v }),
  ),
  ...values('AuthTimeout', ['x', '-1', '0'], (v) => playInfo({ AuthTimeout: v })),
  ...values(
    'ReAuthInfo',
    ['{uid:1', '[1]', '"x"', 'null', '{"uid":{}}', '{"uid":"a-b"}', '['.repeat(1e5)],
    (v) => playInfo({ ReAuthInfo: v }),
  ),
  ...values(
    'PlayConfig',
    ['x', '{"PlayDomain":7.5e300}', '{"PlayDomain":"evil.example.com"}'],
    (v) => playInfo({ PlayConfig: v }),
  ),
  ...values('Formats', ['mp4,<x>'], (v) => playInfo({ Formats: v })),
  ...values('Definition', ['HD&'], (v) => playInfo({ Definition: v })),
  ...values('StreamType', ["'"], (v) => playInfo({ StreamType: v })),
  ...values('ResultType', ['All'], (v) => playInfo({ ResultType: v })),
  ...values('OutputType', ['s3'], (v) => playInfo({ OutputType: v })),
]

const XML_ERROR =
  /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>[^<]+<\/HostId><Code>([^<]+)<\/Code><Message>([^<]*)<\/Message><Recommend>[^<]+<\/Recommend><\/Error>$/

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

/** Asserts Aliyun's error shape exactly (§8.1) and returns `[Code, Message]` as sent. */
function errorOf(res: LightMyRequestResponse, format: 'JSON' | 'XML'): [string, string] {
  if (format === 'XML') {
    assert.equal(res.headers['content-type'], 'text/xml;charset=utf-8')
    const m = XML_ERROR.exec(res.body)
    assert.ok(m, res.body.slice(0, 300))
    // Everything outside the markup is escaped: no raw '&' that does not start an entity.
    assert.doesNotMatch(m[2]!, /&(?!amp;|lt;|gt;|quot;|apos;)/)
    return [m[1]!, m[2]!]
  }
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8')
  const body = JSON.parse(res.body) as Record<string, unknown>
  assert.deepEqual(Object.keys(body), ['RequestId', 'HostId', 'Code', 'Message', 'Recommend'])
  return [body.Code as string, body.Message as string]
}

describe('aliyun dialect: hostile input', { concurrency: true }, () => {
  for (const row of ROWS) {
    it(`answers ${row.status} ${row.code || 'OK'} to ${row.name}`, async (t) => {
      const w = await aliyunWorld(t)
      const res = await row.send(w)
      assert.equal(res.statusCode, row.status, res.body.slice(0, 300))
      if (row.status === 200) return
      const [code, message] = errorOf(res, row.format ?? 'JSON')
      assert.equal(code, row.code)
      if (row.message !== undefined)
        assert.equal(message, row.format === 'XML' ? escapeXml(row.message) : row.message)
    })
  }
})

describe('aliyun dialect: XML errors are escaped (§8.1)', () => {
  it('escapes the quotes of InvalidVideo.NoneStream', async (t) => {
    const w = await aliyunWorld(t)
    const res = await w.v1Get(
      { Action: 'GetPlayInfo', VideoId: VIDEO_ID, Formats: 'mp3', StreamType: 'audio' },
      { common: { Format: 'XML' } },
    )
    assert.equal(res.statusCode, 404)
    assert.deepEqual(errorOf(res, 'XML'), [
      'InvalidVideo.NoneStream',
      escapeXml(
        "The video has no stream to play for the request parameter 'Formats: mp3, Definition: , StreamType: audio'.",
      ),
    ])
  })

  it('escapes every "&" of the string-to-sign in SignatureDoesNotMatch', async (t) => {
    const w = await aliyunWorld(t)
    const params = {
      AccessKeyId: ACCESS_KEY_ID,
      Action: 'GetVideoInfo',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: 'n<&>',
      SignatureVersion: '1.0',
      Timestamp: STAMP,
      Version: '2017-03-21',
      VideoId: `<a href="x">&'`,
    }
    const res = await w.v1Get(params, { secret: 'wrong', common: params })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(errorOf(res, 'XML'), [
      'SignatureDoesNotMatch',
      escapeXml(
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSignV1('GET', params)}`,
      ),
    ])
  })
})

describe('aliyun dialect: JSON parameters', () => {
  // Regression: a JSON-escaped NUL (\u0000) in PlayConfig.PlayDomain reached PostgreSQL as a 500.
  it('refuses a NUL decoded from a JSON member before it reaches storage', () => {
    for (const [name, json] of [
      ['PlayConfig', '{"PlayDomain":"vod.example.com\\u0000"}'],
      ['ReAuthInfo', '{"uid":"\\u0000"}'],
    ] as const) {
      assert.throws(
        () => readGetPlayInfo(new Map([[name, json]])),
        (e: unknown) =>
          e instanceof AppError &&
          e.code === 'INVALID_PARAMETER' &&
          wireParameterName(e.details.parameter ?? '') === name,
      )
    }
  })
})
