// PlayAuth vectors: the illustrative PlayAuth of aliyun-vod.md §10.4, and a golden PlayGate mint
// (our own format, README.md of src/core/schemes/aliyun-play-auth) pinned as a regression vector.
import type { PlayAuthFields } from '../../../../src/core/schemes/aliyun-play-auth/canonical.ts'
import type { MintPlayAuthInput } from '../../../../src/core/schemes/aliyun-play-auth/sign.ts'
import type { Crypto } from '../../../../src/core/ports.ts'
import { nodeCrypto } from '../../../../src/platform/node/crypto.ts'

/** §10.4 [COMPUTED] "Illustrative decoded PlayAuth for tests". */
export const ILLUSTRATIVE_PLAY_AUTH = {
  source: '§10.4 illustrative decoded PlayAuth',
  fields: {
    securityToken: 'CAIS.testtoken+/=',
    authInfo:
      '{"CI":"pg1","Caller":"playgate","ExpireTime":"2030-01-01T00:00:00Z","MediaId":"abcdef0123456789abcdef0123456789","PlayDomain":"vod.example.com","Signature":"sigValue="}',
    videoMeta: {
      status: 'Normal',
      videoId: 'abcdef0123456789abcdef0123456789',
      title: 'Demo',
      coverUrl: 'https://img.example.com/c.jpg',
      duration: 135.6,
    },
    accessKeyId: 'STS.testAccessKeyId',
    playDomain: 'vod.example.com',
    accessKeySecret: 'testPlayAuthSecret',
    region: 'cn-shanghai',
    customerId: 1234567890123456,
  } satisfies PlayAuthFields,
  json: '{"SecurityToken":"CAIS.testtoken+/=","AuthInfo":"{\\"CI\\":\\"pg1\\",\\"Caller\\":\\"playgate\\",\\"ExpireTime\\":\\"2030-01-01T00:00:00Z\\",\\"MediaId\\":\\"abcdef0123456789abcdef0123456789\\",\\"PlayDomain\\":\\"vod.example.com\\",\\"Signature\\":\\"sigValue=\\"}","VideoMeta":{"Status":"Normal","VideoId":"abcdef0123456789abcdef0123456789","Title":"Demo","CoverURL":"https://img.example.com/c.jpg","Duration":135.6},"AccessKeyId":"STS.testAccessKeyId","PlayDomain":"vod.example.com","AccessKeySecret":"testPlayAuthSecret","Region":"cn-shanghai","CustomerId":1234567890123456}',
  base64Prefix: 'eyJTZWN1cml0eVRva2VuIjoiQ0FJUy50ZXN0dG9rZW4rLz0iLCJBdXRoSW5m',
  base64Length: 740,
} as const

/** Deterministic randomness (bytes 0, 1, 2, …) so a mint is reproducible. */
export const countingCrypto: Crypto = {
  ...nodeCrypto,
  randomBytes: (n) => Uint8Array.from({ length: n }, (_, i) => i),
}

export const SERVER_KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1)

export const MINT_INPUT: MintPlayAuthInput = {
  serverKey: SERVER_KEY,
  keyId: 'k1',
  tenantId: 'tn_0123456789abcdef0123',
  customerId: 1234567890123456,
  videoId: 'abcdef0123456789abcdef0123456789',
  videoMeta: {
    status: 'Normal',
    title: 'Demo',
    coverUrl: 'https://img.example.com/c.jpg',
    duration: 135.6,
  },
  playDomain: 'vod.example.com',
  region: 'cn-shanghai',
  now: Date.UTC(2029, 11, 31, 23, 10, 0, 123),
  timeoutSeconds: 3000,
}

/** [COMPUTED] mintPlayAuth(MINT_INPUT, countingCrypto): PlayGate's format, pinned. */
export const GOLDEN_MINT = {
  accessKeyId: 'STS.000102030405060708090a0b0c0d0e0f',
  accessKeySecret: 'xmXA68gCl9i3e2HeitHGG3ou7zMCZfx6-DH6D1ZYUUQ',
  securityToken:
    'pg1.k1.eyJhayI6IlNUUy4wMDAxMDIwMzA0MDUwNjA3MDgwOTBhMGIwYzBkMGUwZiIsInRuIjoidG5fMDEyMzQ1Njc4OWFiY2RlZjAxMjMiLCJ2aWQiOiJhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OSIsImlhdCI6MTg5MzQ1MzAwMCwiZXhwIjoxODkzNDU2MDAwfQ.MdPBrbeqLd62myXVJg-KnHnvtkJR0lqbzGbPV091F58',
  tokenClaimsJson:
    '{"ak":"STS.000102030405060708090a0b0c0d0e0f","tn":"tn_0123456789abcdef0123","vid":"abcdef0123456789abcdef0123456789","iat":1893453000,"exp":1893456000}',
  authInfo:
    '{"CI":"pg1.k1","Caller":"tn_0123456789abcdef0123","ExpireTime":"2030-01-01T00:00:00Z","MediaId":"abcdef0123456789abcdef0123456789","PlayDomain":"vod.example.com","Signature":"ep1fNeajxT26laNgs9wCNIz5vMpDWMXvpbUHmqRIDQI"}',
  expireTime: '2030-01-01T00:00:00Z',
  issuedAt: 1893453000,
  expiresAt: 1893456000,
} as const
