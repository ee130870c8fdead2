// The strings Tencent CDN URL authentication hashes, types A–D (url-signing.md §4,
// tencent-live.md §9). MD5 to 32 lower-case hex; time fields hashed as the literal URL text.
import { canonicalAuthKey } from '../url-common/cdn-auth-key.ts'
import { canonicalUtc8Path } from '../url-common/cdn-utc8-path.ts'

/**
 * TypeA: `{uri}-{timestamp}-{rand}-{uid}-{pkey}` (Aliyun's type A is the same string).
 * @see https://cloud.tencent.com/document/product/228/41623
 */
export const canonicalTypeA = canonicalAuthKey

/**
 * TypeB: `pkey + YYYYMMDDHHMM (UTC+8) + uri` (Aliyun's type B too).
 * @see https://www.tencentcloud.com/zh/document/product/228/35223
 */
export const canonicalTypeB = canonicalUtc8Path

/**
 * TypeC: the two Tencent docs disagree on the order (UNCONFIRMED, §4.3). The CDN doc hashes
 * `pkey + hex time + uri`; the EdgeOne "Method C" doc `key + uri + hex time`.
 * @see https://tencentcloud.com/document/product/228/35224
 * @see https://tencentcloud.com/document/product/1145/62476
 */
export function canonicalTypeC(
  parts: { key: string; time: string; uri: string },
  order: TypeCOrder,
): string {
  return order === 'cdn' ? parts.key + parts.time + parts.uri : parts.key + parts.uri + parts.time
}

export type TypeCOrder = 'cdn' | 'edgeone'

/**
 * TypeD: `pkey + uri + timestamp` (decimal or hex).
 * @see https://cloud.tencent.com/document/product/228/41625
 */
export function canonicalTypeD(parts: { key: string; uri: string; time: string }): string {
  return parts.key + parts.uri + parts.time
}
