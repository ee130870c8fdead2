// Our own ids carry a prefix (ak_, vid_, req_ …) from one table. Video ids are 32 lower-case hex,
// because Aliyun's VideoId has that shape and the dialects pass it through unchanged.
import { toHex } from './encoding/bytes.ts'
import type { Clock, Crypto } from './ports.ts'

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

/**
 * Ids of the same shape for rows written at a high rate (audit events), in time order: 11 hex
 * digits of the clock's milliseconds, 6 of a random tag drawn once per generator (telling
 * processes apart), 3 counting within the millisecond. A random id lands on a random page of the
 * primary key's index, which the SQLite file then writes to its WAL at the commit; ids in order
 * append to one page (3-4× less work per row, bench/aliyun.ts). Nothing is given away that the
 * row does not show: its time is a column, and the count only orders ids within a millisecond.
 * Never repeats within a generator, even when the clock steps back (it keeps counting from the
 * last millisecond used); two generators collide only when their 24-bit tags are equal.
 */
export function createOrderedIds(crypto: Crypto, clock: Clock, kind: IdKind): () => string {
  const prefix = `${ID_PREFIXES[kind]}_`
  const tag = toHex(crypto.randomBytes(3))
  let lastMs = -1
  let count = 0
  return () => {
    const now = Math.floor(clock.now())
    if (now > lastMs) {
      lastMs = now
      count = 0
    } else if (++count > 0xfff) {
      // 4096 ids in one millisecond: borrow the next one.
      lastMs++
      count = 0
    }
    const ms = lastMs.toString(16).padStart(11, '0').slice(-11)
    return `${prefix}${ms}${tag}${count.toString(16).padStart(3, '0')}`
  }
}

/** A video id: 32 lower-case hex characters, as Aliyun VOD issues them. */
export function newVideoId(crypto: Crypto): string {
  return toHex(crypto.randomBytes(16))
}

export function isVideoId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value)
}
