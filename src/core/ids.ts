// Our own ids carry a prefix (ak_, vid_, req_ …) from one table. Video ids are 32 lower-case hex,
// because Aliyun's VideoId has that shape and the dialects pass it through unchanged.
import { toHex } from './encoding/bytes.ts'
import type { Crypto } from './ports.ts'

export const ID_PREFIXES = {
  tenant: 'tn',
  accessKey: 'ak',
  stream: 'st',
  playDomain: 'pd',
  liveStream: 'ls',
  adminToken: 'adm',
  request: 'req',
  audit: 'ev',
  conference: 'conf',
  recording: 'rec',
  revocation: 'rv',
  viewerSession: 'vs',
} as const

export type IdKind = keyof typeof ID_PREFIXES

export function newId(crypto: Crypto, kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${toHex(crypto.randomBytes(10))}`
}

/** A video id: 32 lower-case hex characters, as Aliyun VOD issues them. */
export function newVideoId(crypto: Crypto): string {
  return toHex(crypto.randomBytes(16))
}

export function isVideoId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value)
}
