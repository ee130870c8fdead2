// core's public surface, the only barrel in the repo: what `playgate/core` exports when
// published on its own. Pure: no node:*, no npm packages; platform access through ./ports.ts.

export * from './errors.ts'
export * from './ports.ts'
export * from './model.ts'
export * from './ids.ts'
export * from './media.ts'
export * from './secret-box.ts'
export * from './secret-strength.ts'
export type { SharedState, Subscriber } from './shared-state.ts'
export {
  fromBase64,
  fromBase64Url,
  fromHex,
  toBase64,
  toBase64Url,
  toHex,
  utf8,
} from './encoding/bytes.ts'
export { percentDecode, percentEncode } from './encoding/percent.ts'
export { parseQuery, splitTarget } from './encoding/query.ts'
export * from './schemes/url-scheme.ts'
export { URL_SCHEMES, isUrlSchemeName, urlScheme } from './schemes/url-schemes.ts'
export { signV1, signV3, signedQueryV1 } from './schemes/aliyun-rpc/sign.ts'
export {
  checkTimestamp,
  parseAcs3Authorization,
  verifyV1,
  verifyV3,
} from './schemes/aliyun-rpc/verify.ts'
export { signTc3, signV1 as signTencentV1, tc3SigningKey } from './schemes/tencent-tc3/sign.ts'
export {
  checkTimestamp as checkTencentTimestamp,
  parseTc3Authorization,
  verifyTc3,
  verifyV1 as verifyTencentV1,
} from './schemes/tencent-tc3/verify.ts'
export { mintPlayAuth } from './schemes/aliyun-play-auth/sign.ts'
export { verifyTemporaryCredential } from './schemes/aliyun-play-auth/verify.ts'
export { decodePlayAuth, encodePlayAuth } from './schemes/aliyun-play-auth/canonical.ts'
export { parsePlaylist } from './hls/parse-playlist.ts'
export type { Playlist, MasterPlaylist, MediaPlaylist } from './hls/parse-playlist.ts'
export { serializePlaylist } from './hls/serialize-playlist.ts'
export {
  signCallback as signPolyvCallback,
  signMd5 as signPolyvMd5,
  signMobile as signPolyvMobile,
  signV2 as signPolyvV2,
} from './schemes/polyv/sign.ts'
export {
  checkPtime as checkPolyvPtime,
  verifyMd5 as verifyPolyvMd5,
  verifyV2 as verifyPolyvV2,
} from './schemes/polyv/verify.ts'
