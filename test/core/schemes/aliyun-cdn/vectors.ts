// Aliyun CDN/VOD URL-signing vectors, each from /work/shared/protocols/url-signing.md (section
// cited) or aliyun-vod.md §13, which recompute the vendor's published examples with Node crypto.

export const ALIYUN_KEY = 'aliyuncdnexp1234'

/** url-signing.md §2.1 [VERIFIED] (CDN Type A doc); also aliyun-vod.md §13. */
export const TYPE_A_CDN = {
  canonical: '/video/standard/1K.html-1444435200-0-0-aliyuncdnexp1234',
  hash: '80cd3862d699b7118eed99103f2a3a4f',
  uri: '/video/standard/1K.html',
  timestamp: 1444435200,
  url: '/video/standard/1K.html?auth_key=1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f',
} as const

/** url-signing.md §2.1 [COMPUTED] (VOD Type A doc inputs). */
export const TYPE_A_VOD = {
  canonical: '/video/standard/test.mp4-1627747200-0-0-aliyunvodexp1234',
  hash: '0e9048c8c7de46b6015618f42de79bc2',
  key: 'aliyunvodexp1234',
  uri: '/video/standard/test.mp4',
  timestamp: 1627747200,
} as const

/** url-signing.md §2.2 [VERIFIED]; 201508150800 UTC+8 = 1439596800. */
export const TYPE_B = {
  canonical: 'aliyuncdnexp1234201508150800/4/44/44c0909bcfc20a01afaf256ca99a8b8b.mp3',
  hash: '9044548ef1527deadafa49a890a377f0',
  uri: '/4/44/44c0909bcfc20a01afaf256ca99a8b8b.mp3',
  time: '201508150800',
  timestamp: 1439596800,
  url: '/201508150800/9044548ef1527deadafa49a890a377f0/4/44/44c0909bcfc20a01afaf256ca99a8b8b.mp3',
} as const

/** url-signing.md §2.3 [VERIFIED]; 55CE8100 = 1439596800, both URL forms. */
export const TYPE_C = {
  canonical: 'aliyuncdnexp1234/test.flv55CE8100',
  hash: 'a37fa50a5fb8f71214b1e7c95ec7a1bd',
  uri: '/test.flv',
  time: '55CE8100',
  timestamp: 1439596800,
  pathUrl: '/a37fa50a5fb8f71214b1e7c95ec7a1bd/55CE8100/test.flv',
  queryUrl: '/test.flv?KEY1=a37fa50a5fb8f71214b1e7c95ec7a1bd&KEY2=55CE8100',
} as const

/** url-signing.md §2.4 [COMPUTED] (same formula as C). */
export const TYPE_F = {
  canonical: 'aliyuncdnexp1234/test.flv55CE8100',
  hash: 'a37fa50a5fb8f71214b1e7c95ec7a1bd',
  uri: '/test.flv',
  timestamp: 1439596800,
  url: '/test.flv?sign=a37fa50a5fb8f71214b1e7c95ec7a1bd&time=55CE8100',
} as const
