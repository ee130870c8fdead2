// Tencent live txSecret vectors from /work/shared/protocols/tencent-live.md §7.3 (also
// url-signing.md §3). 5C271099 = 1546064025 = 2018-12-29T06:13:45Z.

export const LIVE_KEY = 'e12c46f2612d5106e2034781ab261ca3'
export const LIVE_TIME = 1546064025

export const LIVE_VECTORS = [
  /** L1 [VERIFIED] doc vector, upper-case hex txTime. */
  { id: 'L1', txTime: '5C271099', txSecret: 'f85a2ab363fe4deaffef9754d79da6fe' },
  /** L2 [COMPUTED] lower-case hex txTime: a different hash over the literal text. */
  { id: 'L2', txTime: '5c271099', txSecret: '9603387445825a481e6b7496aced5746' },
  /** L3 [COMPUTED] decimal txTime ("Using a decimal string is also supported"). */
  { id: 'L3', txTime: '1546064025', txSecret: 'ce6b9eea97285cdf914ac6df0030ce28' },
] as const

/** L1 doc URL `rtmp://livepush.tcloud.com/live/test?…` as a request target. */
export const LIVE_URL = '/live/test?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099'
