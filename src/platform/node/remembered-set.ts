// The in-process store's remembered keys (replay nonces, single-use marks): 64-bit keyed
// fingerprints with their expiry in three typed arrays, 16 bytes a slot, instead of a Map entry
// of several hundred bytes a key. At thousands of signed requests a second and a 15-minute nonce
// window, that is millions of keys: held this way, the garbage collector never walks them.
// A key is never forgotten while it is live; when the set is full of live keys it refuses new
// ones (the caller fails closed) rather than evicting one whose replay would then pass.
import { toHex } from '../../core/encoding/bytes.ts'
import { nodeCrypto } from './crypto.ts'

/** A key's fingerprint: 64 bits of SHA-256 under a per-process salt (no one can aim collisions). */
export interface Fingerprint {
  readonly hi: number
  readonly lo: number
}

export function fingerprinter(): (key: string) => Fingerprint {
  const salt = toHex(nodeCrypto.randomBytes(16))
  return (key) => {
    const d = nodeCrypto.hash('sha256', salt + key)
    return {
      hi: (d[0]! | (d[1]! << 8) | (d[2]! << 16) | (d[3]! << 24)) >>> 0,
      lo: (d[4]! | (d[5]! << 8) | (d[6]! << 16) | (d[7]! << 24)) >>> 0,
    }
  }
}

const MIN_SLOTS = 1024
// Expiry values with a meaning of their own; a live key's expiry is a time in ms (> 0).
const EMPTY = 0
const REMOVED = -1

/**
 * Open addressing with linear probing. Expired and removed slots stay in their probe chains until
 * a rebuild drops them (when half the slots are used, or on {@link purge}); live keys are at most a
 * quarter of the slots, so a rebuild comes only after many inserts.
 */
export class RememberedSet {
  private hi = new Uint32Array(MIN_SLOTS)
  private lo = new Uint32Array(MIN_SLOTS)
  private expires = new Float64Array(MIN_SLOTS)
  /** Slots not EMPTY (live, expired and removed). */
  private used = 0
  /** Slots holding a key, live or expired (not REMOVED). */
  private heldCount = 0
  /** No held key expires before this (ms); a purge before it would find nothing. */
  private earliest = Infinity
  /** When the set was last found full: a full set rebuilds at most once a second. */
  private fullCheckedAt = -Infinity
  private readonly maxLive: number
  private readonly maxSlots: number

  constructor(maxLive: number) {
    this.maxLive = maxLive
    this.maxSlots = Math.max(MIN_SLOTS, 2 ** Math.ceil(Math.log2(maxLive * 4)))
  }

  /** Keys held, expired ones not purged yet included. */
  get held(): number {
    return this.heldCount
  }

  /** The key's expiry (ms) when it is live at `now`, else undefined. */
  find(key: Fingerprint, now: number): number | undefined {
    const slot = this.slotOf(key)
    if (slot < 0) return undefined
    const expiresAt = this.expires[slot]!
    return expiresAt > now ? expiresAt : undefined
  }

  /**
   * Holds the key until `expiresAt` unless it is live already (false). Throws RangeError when
   * `maxLive` live keys are held: no live key is given up to make room.
   */
  add(key: Fingerprint, expiresAt: number, now: number): boolean {
    const { mask } = this
    let free = -1
    let i = key.lo & mask
    for (let e = this.expires[i]!; e !== EMPTY; e = this.expires[(i = (i + 1) & mask)]!) {
      if (this.hi[i] === key.hi && this.lo[i] === key.lo && e !== REMOVED) {
        if (e > now) return false
        this.write(i, key, expiresAt)
        return true
      }
      if (free < 0 && e <= now) free = i
    }
    // An expired key's slot is reused as it is; a removed or empty one holds one key more.
    if (free >= 0 && this.expires[free] !== REMOVED) {
      this.write(free, key, expiresAt)
      return true
    }
    if (this.heldCount >= this.maxLive) {
      this.makeRoom(now)
      return this.add(key, expiresAt, now)
    }
    this.heldCount++
    if (free >= 0) {
      this.write(free, key, expiresAt)
      return true
    }
    this.write(i, key, expiresAt)
    if (++this.used * 2 > this.expires.length) this.rebuild(now)
    return true
  }

  /** Forgets the key (live or not). */
  remove(key: Fingerprint): void {
    const slot = this.slotOf(key)
    if (slot < 0) return
    this.expires[slot] = REMOVED
    this.heldCount--
  }

  /**
   * Forgets expired keys when some may have expired, in place (no second table at the bound);
   * the table is rebuilt smaller only when tombstones far outnumber the live keys. Returns how
   * many keys it forgot.
   */
  purge(now: number): number {
    if (now < this.earliest) return 0
    const { expires } = this
    let live = 0
    let forgotten = 0
    let earliest = Infinity
    for (let i = 0; i < expires.length; i++) {
      const expiresAt = expires[i]!
      if (expiresAt > now) {
        live++
        if (expiresAt < earliest) earliest = expiresAt
      } else if (expiresAt !== EMPTY && expiresAt !== REMOVED) {
        expires[i] = REMOVED
        forgotten++
      }
    }
    this.heldCount -= forgotten
    this.earliest = earliest
    if (expires.length > MIN_SLOTS && this.used > live * 8) this.rebuild(now)
    return forgotten
  }

  private get mask(): number {
    return this.expires.length - 1
  }

  private slotOf(key: Fingerprint): number {
    const { mask } = this
    let i = key.lo & mask
    for (let e = this.expires[i]!; e !== EMPTY; e = this.expires[(i = (i + 1) & mask)]!)
      if (this.hi[i] === key.hi && this.lo[i] === key.lo && e !== REMOVED) return i
    return -1
  }

  private write(slot: number, key: Fingerprint, expiresAt: number): void {
    this.hi[slot] = key.hi
    this.lo[slot] = key.lo
    this.expires[slot] = expiresAt
    if (expiresAt < this.earliest) this.earliest = expiresAt
  }

  private makeRoom(now: number): void {
    if (now - this.fullCheckedAt >= 1000) {
      this.rebuild(now)
      if (this.heldCount < this.maxLive) return
      this.fullCheckedAt = now
    }
    throw new RangeError(`${this.maxLive} keys are held within their windows`)
  }

  /** Re-inserts the live keys into a table sized for them (live ≤ a quarter of the slots). */
  private rebuild(now: number): void {
    const { hi, lo, expires } = this
    let live = 0
    for (let i = 0; i < expires.length; i++) if (expires[i]! > now) live++
    let slots = MIN_SLOTS
    while (slots < live * 4 && slots < this.maxSlots) slots *= 2
    this.hi = new Uint32Array(slots)
    this.lo = new Uint32Array(slots)
    this.expires = new Float64Array(slots)
    this.used = 0
    this.heldCount = 0
    this.earliest = Infinity
    const mask = slots - 1
    for (let from = 0; from < expires.length; from++) {
      const expiresAt = expires[from]!
      if (expiresAt <= now) continue
      let i = lo[from]! & mask
      while (this.expires[i] !== EMPTY) i = (i + 1) & mask
      this.write(i, { hi: hi[from]!, lo: lo[from]! }, expiresAt)
      this.used++
      this.heldCount++
    }
  }
}
