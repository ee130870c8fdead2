// Every published and wire vector of /work/shared/protocols/aliyun-vod.md for Aliyun RPC
// signatures (V1 §4.2, §3.3, §11.3, §12; V3 §5.3, §12.5). Each entry cites its section.
import { parseQuery, type QueryPair } from '../../../../src/core/encoding/query.ts'

export interface V1DocVector {
  readonly source: string
  readonly method: string
  readonly params: Readonly<Record<string, string>>
  readonly secret: string
  readonly stringToSign: string
  readonly signature: string
}

/** Vectors printed with their parameters and string-to-sign. */
export const V1_DOC_VECTORS: readonly V1DocVector[] = [
  {
    // §4.2 V1-1 [VERIFIED], https://help.aliyun.com/document_detail/28839.html (ECS DescribeRegions)
    source: '§4.2 V1-1 generic doc vector',
    method: 'GET',
    params: {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    },
    secret: 'testsecret',
    stringToSign:
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
  },
  {
    // §4.2 V1-2 [VERIFIED], AlibabaCloudDocs/vod "Signature method.md" (GetVideoPlayAuth)
    source: '§4.2 V1-2 VOD doc vector',
    method: 'GET',
    params: {
      AccessKeyId: 'testAccessKeyId',
      Action: 'GetVideoPlayAuth',
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '8f8a035d-6496-4268-afd4-67c22837e38d',
      SignatureVersion: '1.0',
      Timestamp: '2017-10-10T12:02:54Z',
      Version: '2017-03-21',
      VideoId: '5aed81b74ba84920be578cdfe004af4b',
    },
    secret: 'testAccessKeySecret',
    stringToSign:
      'GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetVideoPlayAuth%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D8f8a035d-6496-4268-afd4-67c22837e38d%26SignatureVersion%3D1.0%26Timestamp%3D2017-10-10T12%253A02%253A54Z%26Version%3D2017-03-21%26VideoId%3D5aed81b74ba84920be578cdfe004af4b',
    signature: 'Ibgh7y8Vp47LBuAsf5Xhi1SvDss=',
  },
  {
    // §4.2 V1-3 [VERIFIED], aliyun/darabonba-openapi-util ts/test/client.spec.ts (empty method)
    source: '§4.2 V1-3 SDK unit-test vector',
    method: '',
    params: { test: 'ok' },
    secret: 'accessKeySecret',
    stringToSign: '&%2F&test%3Dok',
    signature: 'jHx/oHoHNrbVfhncHEvPdHXZwHU=',
  },
]

/** §11.3 [COMPUTED] the web player's GetPlayInfo query, secret `testPlayAuthSecret`. */
export const PLAYER_REQUEST_QUERY =
  'AccessKeyId=STS.testAccessKeyId&Action=GetPlayInfo&AuthInfo=%7B%22CI%22%3A%22ciValue%22%2C%22Caller%22%3A%22callerValue%22%2C%22ExpireTime%22%3A%222030-01-01T00%3A00%3A00Z%22%2C%22MediaId%22%3A%22abcdef0123456789abcdef0123456789%22%2C%22PlayDomain%22%3A%22vod.example.com%22%2C%22Signature%22%3A%22sigValue%3D%22%7D&AuthTimeout=7200&Channel=HTML5&Format=JSON&Formats=&PlayConfig=%7B%7D&PlayerVersion=2.37.7&Rand=b0f0f6a2-4c1d-4e7a-9a55-3b1f2a9d8c11&ReAuthInfo=%7B%7D&SecurityToken=CAIS.testtoken%2B%2F%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=7d1b2c3e-0000-4000-8000-000000000001&SignatureVersion=1.0&StreamType=video&Version=2017-03-21&VideoId=abcdef0123456789abcdef0123456789&Signature=UMzjw2XU1eUukdTcVPL9wRbgBIQ%3D'

export interface V1WireVector {
  readonly source: string
  readonly method: string
  /** The raw query string as sent, `Signature` included. */
  readonly query: string
  /** A raw application/x-www-form-urlencoded body, when the client sent one. */
  readonly body?: string
  readonly secret: string
  readonly signature: string
}

/** Requests captured from official clients (or built by the player's code), as sent. */
export const V1_WIRE_VECTORS: readonly V1WireVector[] = [
  {
    // §12.2 [WIRE] pop-core 1.8.0 default V1 GET
    source: '§12.2 pop-core GET',
    method: 'GET',
    query:
      'AccessKeyId=testAccessKeyId&Action=GetVideoPlayAuth&AuthInfoTimeout=3000&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=d77ddf40d43f4cc2030cf336d56d1521&SignatureVersion=1.0&Timestamp=2026-11-22T05%3A43%3A36Z&Version=2017-03-21&VideoId=dfde02284a5c46622a097adaf44a0001&Signature=mrb6eUWhL96vQsMLHSBkkQD0VF0%3D',
    secret: 'testAccessKeySecret',
    signature: 'mrb6eUWhL96vQsMLHSBkkQD0VF0=',
  },
  {
    // §12.3 [WIRE] pop-core {method:'POST'}: everything in a form body, signed as POST&
    source: '§12.3 pop-core POST form',
    method: 'POST',
    query: '',
    body: 'AccessKeyId=testAccessKeyId&Action=GetVideoPlayAuth&AuthInfoTimeout=3000&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=5ef75448377054b2a995b48dd83141c2&SignatureVersion=1.0&Timestamp=2026-11-22T05%3A43%3A36Z&Version=2017-03-21&VideoId=dfde02284a5c46622a097adaf44a0001&Signature=r9H01dFa42JJGIU9qUoiqYI9VKI%3D',
    secret: 'testAccessKeySecret',
    signature: 'r9H01dFa42JJGIU9qUoiqYI9VKI=',
  },
  {
    // §12.4 [WIRE] pop-core with temporary credentials, GetPlayInfo
    source: '§12.4 pop-core STS GetPlayInfo',
    method: 'GET',
    query:
      'AccessKeyId=testAccessKeyId&Action=GetPlayInfo&AuthTimeout=1800&Format=JSON&Formats=mp4%2Cm3u8&ReAuthInfo=%7B%22uid%22%3A%2212345%22%2C%22rand%22%3A%22abckljd%22%7D&SecurityToken=CAIS-demo-token&SignatureMethod=HMAC-SHA1&SignatureNonce=b562fb85725c32775ec7ed4bdb0adfe7&SignatureVersion=1.0&Timestamp=2026-11-22T05%3A44%3A34Z&Version=2017-03-21&VideoId=v1&Signature=reP69O7cFc9cAZ%2BnnH64F1Ue3mE%3D',
    secret: 'testAccessKeySecret',
    signature: 'reP69O7cFc9cAZ+nnH64F1Ue3mE=',
  },
  {
    // §12.6 [WIRE] openapi-client/core signatureAlgorithm 'v2': unsorted query, Format=json
    source: '§12.6 openapi-client v2 POST, all in query',
    method: 'POST',
    query:
      'Action=GetVideoPlayAuth&Format=json&Version=2017-03-21&Timestamp=2026-11-22T05%3A43%3A36Z&SignatureNonce=e2be6738f04cd2c47177f3ab740362b8&VideoId=dfde02284a5c46622a097adaf44a0001&AuthInfoTimeout=3000&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=testAccessKeyId&Signature=wmphhaELh1ytDl1gPEfg3BxsosY%3D',
    secret: 'testAccessKeySecret',
    signature: 'wmphhaELh1ytDl1gPEfg3BxsosY=',
  },
  {
    // §12.6 [WIRE] older generated Tea SDK: common params in the query, business params in the body
    source: '§12.6 Tea doRPCRequest, query + chunked form body',
    method: 'POST',
    query:
      'Action=GetVideoPlayAuth&Format=json&Version=2017-03-21&Timestamp=2026-11-22T05%3A45%3A27Z&SignatureNonce=001b73741a9be444963b2d5e255b958e&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&AccessKeyId=testAccessKeyId&Signature=wlR3O2WCczS3ARIZy0xEtjNfTwQ%3D',
    body: 'VideoId=dfde02284a5c46622a097adaf44a0001&AuthInfoTimeout=3000',
    secret: 'testAccessKeySecret',
    signature: 'wlR3O2WCczS3ARIZy0xEtjNfTwQ=',
  },
  {
    // §11.3 [COMPUTED] web player GetPlayInfo (no Timestamp, Channel=HTML5, empty Formats signed)
    source: '§11.3 web player GetPlayInfo',
    method: 'GET',
    query: PLAYER_REQUEST_QUERY,
    secret: 'testPlayAuthSecret',
    signature: 'UMzjw2XU1eUukdTcVPL9wRbgBIQ=',
  },
]

/**
 * §3.3 regression vector [COMPUTED]: the §11.3 player request with PlayConfig `{"Note":"it's (x)!"}`
 * signs differently under strict and player encoding.
 */
export const LENIENT_VECTOR = {
  source: '§3.3 player-encoding regression vector',
  playConfig: '{"Note":"it\'s (x)!"}',
  secret: 'testPlayAuthSecret',
  strictSignature: 'uVqbyv3aC2IvYUE9oXJs+Blioz4=',
  playerSignature: '5tEhuG9gDBDiu0eazj0lqMXqfC4=',
} as const

export interface V3Vector {
  readonly source: string
  readonly method: string
  /** The raw query string as sent. */
  readonly query: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly accessKeyId: string
  readonly secret: string
  readonly canonicalRequest?: string
  readonly canonicalRequestHash?: string
  readonly authorization: string
}

export const V3_VECTORS: readonly V3Vector[] = [
  {
    // §5.3 [VERIFIED], https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
    source: '§5.3 V3 doc vector (ECS RunInstances)',
    method: 'POST',
    query: 'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-version': '2014-05-26',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    body: '',
    accessKeyId: 'YourAccessKeyId',
    secret: 'YourAccessKeySecret',
    canonicalRequest: [
      'POST',
      '/',
      'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
      'host:ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action:RunInstances',
      'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-date:2023-10-26T10:22:32Z',
      'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
      'x-acs-version:2014-05-26',
      '',
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n'),
    canonicalRequestHash: '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    authorization:
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
  },
  {
    // §12.5 [WIRE] openapi-client 0.4.15 callApi default V3; the wire query is not sorted
    source: '§12.5 openapi-client V3 GetVideoPlayAuth',
    method: 'POST',
    query: 'VideoId=dfde02284a5c46622a097adaf44a0001&AuthInfoTimeout=3000',
    headers: {
      host: '127.0.0.1:8080',
      'x-acs-version': '2017-03-21',
      'x-acs-action': 'GetVideoPlayAuth',
      'user-agent': 'AlibabaCloud (linux; x64) Node.js/v20.20.2 Core/1.0.1 TeaDSL/1',
      'x-acs-date': '2026-11-22T05:43:36Z',
      'x-acs-signature-nonce': '1bfb8ff6594cff872652461d9c86bd18',
      accept: 'application/json',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-credentials-provider': 'static_ak',
      connection: 'keep-alive',
      'content-length': '0',
    },
    body: '',
    accessKeyId: 'testAccessKeyId',
    secret: 'testAccessKeySecret',
    authorization:
      'ACS3-HMAC-SHA256 Credential=testAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=a26d4c205540066500b5b1f55bc7b7a9148d4cddee6026d2cc531b67876d5fa1',
  },
]

/** §5.1: SHA-256 of an empty body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

/** Decoded query ∪ body pairs of a wire vector, in the order sent (what a dialect hands to core). */
export function wireParams(vector: { query: string; body?: string }): QueryPair[] {
  const query = parseQuery(vector.query)
  const body = parseQuery(vector.body ?? '')
  if (!query || !body) throw new Error(`malformed vector query: ${vector.query}`)
  return [...query, ...body]
}
