// Tencent CDN TypeA–D vectors from /work/shared/protocols/url-signing.md §4 (repeated in
// tencent-live.md §9), recomputed there with Node crypto.

export const CDN_KEY = 'dimtm5evg50ijsx2hvuwyfoiu65'

/** url-signing.md §4.1 [VERIFIED] (trust the formula, not the doc's final URL). */
export const TYPE_A = {
  canonical: '/test.jpg-1582791032-im1acp76sx9sdqe601v-0-dimtm5evg50ijsx2hvuwyfoiu65',
  hash: '3fbb88382c9356b6faaf9d68c7b2ae3a',
  rand: 'im1acp76sx9sdqe601v',
  timestamp: 1582791032,
  url: '/test.jpg?sign=1582791032-im1acp76sx9sdqe601v-0-3fbb88382c9356b6faaf9d68c7b2ae3a',
} as const

/** url-signing.md §4.2 [VERIFIED] (EdgeOne doc); 202407151533 UTC+8 = 1721028780. */
export const TYPE_B = {
  key: 'DvYmqE81E1F9R791H6lmht',
  canonical: 'DvYmqE81E1F9R791H6lmht202407151533/foo.jpg',
  hash: 'd1f0b51c6894231fc12e054fcc7f0b3e',
  time: '202407151533',
  timestamp: 1721028780,
  url: '/202407151533/d1f0b51c6894231fc12e054fcc7f0b3e/foo.jpg',
} as const

/** url-signing.md §4.3 [COMPUTED], both orders; 1582791032 = 5e577978. */
export const TYPE_C = {
  time: '5e577978',
  timestamp: 1582791032,
  cdnCanonical: 'dimtm5evg50ijsx2hvuwyfoiu655e577978/test.jpg',
  cdnHash: '33735d9a40ae17b0d3401abf82ffb222',
  edgeoneCanonical: 'dimtm5evg50ijsx2hvuwyfoiu65/test.jpg5e577978',
  edgeoneHash: '7913fc0c5c9e92dd3633b7895152bbb2',
  cdnUrl: '/33735d9a40ae17b0d3401abf82ffb222/5e577978/test.jpg',
  edgeoneUrl: '/7913fc0c5c9e92dd3633b7895152bbb2/5e577978/test.jpg',
} as const

/** url-signing.md §4.4 [VERIFIED]. */
export const TYPE_D = {
  canonical: 'dimtm5evg50ijsx2hvuwyfoiu65/test.jpg1582791032',
  hash: '900a5049aa8ac1ab144527d9c2be4cea',
  timestamp: 1582791032,
  url: '/test.jpg?sign=900a5049aa8ac1ab144527d9c2be4cea&t=1582791032',
} as const
