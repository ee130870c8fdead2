// Every vector of /work/shared/protocols/polyv.md (§1.2 P1–P4, §8.1, §8.3, §8.4), each with its
// source. The ✗ video-exam-log example of §1.2 is deliberately absent: it is not reproducible.

export interface V2Vector {
  readonly source: string
  /** The signed parameters (any empty ones are sent but not signed). */
  readonly params: Readonly<Record<string, string>>
  readonly secret: string
  readonly plaintext: string
  readonly sign: string
}

export const V2_VECTORS: readonly V2Vector[] = [
  {
    // [VERIFIED] http://dev.polyv.net/category/videoproduct/v-api/v-api-vmanage/ (authplay-status)
    source: 'P1 authplay-status doc',
    params: { vid: 'test1', ptime: '1' },
    secret: 'test2',
    plaintext: 'ptime=1&vid=test1test2',
    sign: 'C2B1558D697EA3AF4ED2FC90152751860C1E2163',
  },
  {
    // [COMPUTED] https://polyv.gitbook.io/document/docs/vod/api/buildsign (worked plaintext)
    source: 'P2 buildsign page plaintext',
    params: { userid: '1b448be323', ptime: '1621997347695', date: '2020-10-13' },
    secret: 'abc',
    plaintext: 'date=2020-10-13&ptime=1621997347695&userid=1b448be323abc',
    sign: '3CA490D29AB54D97FD61B94443D4AD5D819511D0',
  },
  {
    // [COMPUTED, UTF-8] https://polyv.gitbook.io/document/docs/vod/api/playsafe/password/set_video_password
    source: 'P3 video-setting-save sample',
    params: {
      describ: '描述',
      password: '123456',
      vids: '1b448be323631e6e80e12e0790609f68_1,1b448be323d7e4c49d5634abd5af0bcb_1',
      tag: '标签',
      title: '视频标题',
      userId: '1b448be323',
      ptime: '1618218158363',
    },
    secret: 'abc',
    plaintext:
      'describ=描述&password=123456&ptime=1618218158363&tag=标签&title=视频标题&userId=1b448be323&vids=1b448be323631e6e80e12e0790609f68_1,1b448be323d7e4c49d5634abd5af0bcb_1abc',
    sign: 'C25BA952E70ACCC2D112E9072798508A47EEB1F0',
  },
  {
    // [COMPUTED] SDK style (polyv.md §2.1): an empty password sent unsigned, requestId signed
    source: 'P4 SDK request with an empty password and a requestId',
    params: {
      vids: 'vid1',
      password: '',
      ptime: '1618218158363',
      requestId: '66e7ad29fd04425a84c2b2b562d2025b',
    },
    secret: 'abc',
    plaintext: 'ptime=1618218158363&requestId=66e7ad29fd04425a84c2b2b562d2025b&vids=vid1abc',
    sign: '7BDC98EA061E671942F5F29345DEB431A292553D',
  },
]

/** §8.1 [COMPUTED from the doc's worked plaintext], the playsafe token API's MD5 variant. */
export const MD5_VECTOR = {
  source: '§8.1 MD5 variant (vclass buildsign page)',
  params: {
    userId: 'e6b23c6f51',
    videoId: 'e6b23c6f51c4b1cb9f0302a92ed42440_e',
    ts: '1552447784505',
    viewerIp: '127.0.0.1',
    viewerId: 'abcd1234',
  },
  secret: 'abc',
  plaintext:
    'abcts1552447784505userIde6b23c6f51videoIde6b23c6f51c4b1cb9f0302a92ed42440_eviewerIdabcd1234viewerIp127.0.0.1abc',
  sign: '166D45560D37DDBF0F05081D975231B5',
} as const

/** §8.3 [COMPUTED; the doc gives formula and inputs], mobile H5 player sign, lower case. */
export const MOBILE_VECTOR = {
  source: '§8.3 mobile H5 sign',
  secret: 'abc',
  vid: '123',
  ts: '1672829071000',
  sign: 'a8a50e08d74cada9732d90cf0ba65a54',
} as const

/** §8.4 [VERIFIED against the doc's example], the authorised-playback callback answer. */
export const CALLBACK_VECTOR = {
  source: '§8.4 authorised playback callback (jsgn0032)',
  answer: {
    vid: 'e8888b74d19fe43983170b7cf804444d_e',
    username: 'test',
    code: 'abc',
    status: 1,
    t: '143020010115550947',
  },
  secret: '0toiC9qmQA',
  sign: 'a9b6fa726ccd2a75c6d0f9d3bfb81bee',
} as const
