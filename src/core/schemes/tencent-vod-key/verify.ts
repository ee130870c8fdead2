// Verifying Tencent VOD Key URLs: fixed parameter order, `Dir` scope, AuthKey then backup key,
// refused once `now > t (+ skew)` (the doc recommends 300 s of tolerance).
import { accept, reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type {
  RingKey,
  UrlRestrictions,
  VerifiedUrl,
  VerifyUrlInput,
  UrlVerdict,
} from '../url-scheme.ts'
import { assertRing, md5Hex, normaliseHexMac } from '../url-common/mac.ts'
import {
  canonicalPath,
  dirOf,
  isWithin,
  pathVariants,
  removeDotSegments,
} from '../url-common/path.ts'
import { joinTarget, parseTarget, takeParams } from '../url-common/target.ts'
import { outsideWindow, parseHexTime } from '../url-common/time.ts'
import { canonicalVodKey, VOD_KEY_LISTS, VOD_KEY_ORDER } from './canonical.ts'
import type { VodKeyFields } from './canonical.ts'

const OWNED: readonly string[] = [...VOD_KEY_ORDER, ...VOD_KEY_LISTS]
const EXPER = /^\d{1,9}$/
const RLIMIT = /^[1-9]$/

interface DirCandidate {
  readonly dir: string
  readonly scope: string
}

/**
 * The directories a signer may have hashed, each with the decoded, dot-free scope it stands for:
 * the raw one (decoded once), then the decoded and the resolved ones when they hold no "%" (so
 * no string is read at two decoding levels).
 */
function dirCandidates(rawPath: string, path: string): DirCandidate[] {
  const rawDir = dirOf(rawPath)
  // Canonical as received (nothing escaped: decoding would shorten it; no dot segment): its
  // directory is the only candidate and its own scope. Nearly every request, so no decoding.
  if (path === rawPath) return [{ dir: rawDir, scope: rawDir }]
  const rawScope = canonicalPath(rawDir)
  const out: DirCandidate[] = rawScope === undefined ? [] : [{ dir: rawDir, scope: rawScope }]
  const variants = pathVariants(rawPath)
  if (variants.length > 1) addDirCandidate(out, dirOf(variants[1]!))
  addDirCandidate(out, dirOf(path))
  return out
}

/** A decoded or resolved directory, unless it holds "%" or is already a candidate. */
function addDirCandidate(out: DirCandidate[], dir: string): void {
  if (dir.includes('%')) return
  for (const candidate of out) if (candidate.dir === dir) return
  out.push({ dir, scope: removeDotSegments(dir) })
}

/** Whether a referer or region list is present (module-level: no closure per request). */
function hasList(values: ReadonlyMap<string, string>): boolean {
  for (const name of VOD_KEY_LISTS) if (values.has(name)) return true
  return false
}

/** Whether the signing parameters came in VOD_KEY_ORDER (each ranked above the one before). */
function inSigningOrder(order: readonly string[]): boolean {
  let previous = -1
  for (let i = 0; i < order.length; i++) {
    const rank = VOD_KEY_ORDER.indexOf(order[i] as (typeof VOD_KEY_ORDER)[number])
    if (i > 0 && rank <= previous) return false
    previous = rank
  }
  return true
}

/** The hashed fields, written in place: `dir` for each candidate, `key` for each ring key. */
type SignedFields = { -readonly [K in keyof VodKeyFields]: VodKeyFields[K] }

/**
 * The index of the first ring key (primary first) whose sign over `fields` equals the received
 * one, each comparison through the port's `timingSafeEqual` and all of them on a miss
 * (findRingKey's rule, without a closure and an array per directory).
 */
function matchingKey(
  crypto: Crypto,
  keys: readonly RingKey[],
  received: string,
  fields: SignedFields,
): number | undefined {
  assertRing(keys)
  for (let index = 0; index < keys.length; index++) {
    fields.key = keys[index]!.secret
    if (crypto.timingSafeEqual(md5Hex(crypto, canonicalVodKey(fields)), received)) return index
  }
  return undefined
}

/** The limits the edge enforces itself, each only when the URL carries it. */
function restrictionsOf(
  exper: string | undefined,
  rlimit: string | undefined,
  us: string | undefined,
): UrlRestrictions {
  const out: { -readonly [K in keyof UrlRestrictions]: UrlRestrictions[K] } = {}
  if (exper !== undefined) out.previewSeconds = Number(exper)
  if (rlimit !== undefined) out.maxClientIps = Number(rlimit)
  if (us !== undefined) out.linkId = us
  return out
}

/**
 * The directory is tried raw, decoded and dot-free; the one that matches must still contain the
 * canonical request path, so `/dir/..%2Fother.mp4` cannot ride on `/dir/`'s token.
 * Referer/region lists are refused: honouring the hash while ignoring the lists would grant
 * what Tencent denies.
 * @see https://www.tencentcloud.com/document/product/266/33986
 */
export function verifyVodKey(input: VerifyUrlInput, crypto: Crypto): UrlVerdict<VerifiedUrl> {
  const raw = parseTarget(input.target)
  if (!raw.ok) return raw
  const taken = takeParams(raw.value.query, OWNED)
  if (!taken.ok) return taken
  const { values, order } = taken.value
  if (hasList(values)) return reject('TOKEN_INVALID', 'lists-unsupported')
  const t = values.get('t')
  const sign = values.get('sign')
  if (t === undefined || sign === undefined) return reject('TOKEN_INVALID', 'missing', 't or sign')
  if (!inSigningOrder(order)) return reject('TOKEN_INVALID', 'out-of-order')
  const expiresAt = parseHexTime(t)
  const exper = values.get('exper')
  const rlimit = values.get('rlimit')
  const us = values.get('us')
  const received = normaliseHexMac(sign)
  if (
    expiresAt === undefined ||
    received === undefined ||
    (exper !== undefined && !EXPER.test(exper)) ||
    (rlimit !== undefined && !RLIMIT.test(rlimit)) ||
    us === ''
  )
    return reject('TOKEN_INVALID', 'malformed', 'parameters')
  const path = canonicalPath(raw.value.path)
  if (path === undefined) return reject('TOKEN_INVALID', 'malformed', 'path')
  const fields: SignedFields = { key: '', dir: '', t, exper, rlimit, us }
  for (const { dir, scope } of dirCandidates(raw.value.path, path)) {
    fields.dir = dir
    const keyIndex = matchingKey(crypto, input.keys, received, fields)
    if (keyIndex === undefined) continue
    if (!isWithin(path, scope)) return reject('SCOPE_MISMATCH', 'outside-scope', 'directory')
    const late = outsideWindow(input.now, input.skewSeconds, { expiresAt })
    if (late) return late
    return accept({
      path: raw.value.path,
      origin: joinTarget(raw.value.path, taken.value.rest),
      expiresAt,
      keyIndex,
      scope,
      restrictions: restrictionsOf(exper, rlimit, us),
    })
  }
  return reject('SIGNATURE_MISMATCH', 'signature-mismatch')
}
