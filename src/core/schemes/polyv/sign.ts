// Client-side Polyv signs: what the Java SDK, the doc samples and the players compute. The
// verifier reuses them; tests use them as the client (there is no npm SDK for Polyv).
import { toHex } from '../../encoding/bytes.ts'
import type { Crypto } from '../../ports.ts'
import {
  callbackPlaintext,
  md5Plaintext,
  mobilePlaintext,
  v2Plaintext,
  type CallbackAnswer,
  type PolyvParams,
} from './canonical.ts'

/**
 * VOD v2 `sign`: upper-case hex SHA-1 (40 characters) of {@link v2Plaintext}.
 * @see https://polyv.gitbook.io/document/docs/vod/api/buildsign (polyv.md §1)
 */
export function signV2(params: PolyvParams, secret: string, crypto: Crypto): string {
  return toHex(crypto.hash('sha1', v2Plaintext(params, secret))).toUpperCase()
}

/**
 * The MD5 variant's `sign`: upper-case hex MD5 (32 characters) of {@link md5Plaintext}.
 * @see https://polyv.gitbook.io/document/docs/vod/api/playsafe/token/create_token (polyv.md §8.1, §8.2)
 */
export function signMd5(params: PolyvParams, secret: string, crypto: Crypto): string {
  return toHex(crypto.hash('md5', md5Plaintext(params, secret))).toUpperCase()
}

/**
 * The callback answer's `sign`: lower-case hex MD5 of {@link callbackPlaintext}.
 * @see https://dev.polyv.net/2015/videoproduct/v-manual/v-manual-encrypt/jsgn0032/ (polyv.md §8.4)
 */
export function signCallback(answer: CallbackAnswer, secret: string, crypto: Crypto): string {
  return toHex(crypto.hash('md5', callbackPlaintext(answer, secret)))
}

/**
 * The mobile H5 player's `sign`: lower-case hex MD5 ("sign签名不需要转大写").
 * @see https://polyv.gitbook.io/document/docs/vod/js/video-player/function/encryption (polyv.md §8.3)
 */
export function signMobile(secret: string, vid: string, ts: string, crypto: Crypto): string {
  return toHex(crypto.hash('md5', mobilePlaintext(secret, vid, ts)))
}
