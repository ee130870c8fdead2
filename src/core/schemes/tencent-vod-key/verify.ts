// Verifying Tencent VOD Key URLs: fixed parameter order, `Dir` scope, AuthKey then backup key,
// refused once `now > t (+ skew)` (the doc recommends 300 s of tolerance).
import { accept, reject } from '../../errors.ts'
import type { Crypto } from '../../ports.ts'
import type { VerifiedUrl, VerifyUrlInput, UrlVerdict } from '../url-scheme.ts'
import { findRingKey, md5Hex, normaliseHexMac } from '../url-common/mac.ts'
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

const OWNED: readonly string[] = [...VOD_KEY_ORDER, ...VOD_KEY_LISTS]

/**
 * The directories a signer may have hashed, each with the decoded, dot-free scope it stands for:
 * the raw one (decoded once), then the decoded and the resolved ones when they hold no "%" (so
 * no string is read at two decoding levels).
 */
function dirCandidates(rawPath: string, path: string): { dir: string; scope: string }[] {
  const rawDir = dirOf(rawPath)
  const rawScope = canonicalPath(rawDir)
  const out = rawScope === undefined ? [] : [{ dir: rawDir, scope: rawScope }]
  for (const dir of [...pathVariants(rawPath).slice(1).map(dirOf), dirOf(path)])
    if (!dir.includes('%') && !out.some((c) => c.dir === dir))
      out.push({ dir, scope: removeDotSegments(dir) })
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
  const taken = takeParams(raw.value.query, (n) => OWNED.includes(n))
  if (!taken.ok) return taken
  const { values, order } = taken.value
  if (VOD_KEY_LISTS.some((n) => values.has(n))) return reject('TOKEN_INVALID', 'lists-unsupported')
  const t = values.get('t')
  const sign = values.get('sign')
  if (t === undefined || sign === undefined) return reject('TOKEN_INVALID', 'missing', 't or sign')
  const ranks = order.map((n) => VOD_KEY_ORDER.indexOf(n as (typeof VOD_KEY_ORDER)[number]))
  if (ranks.some((r, i) => i > 0 && r <= ranks[i - 1]!))
    return reject('TOKEN_INVALID', 'out-of-order')
  const expiresAt = parseHexTime(t)
  const exper = values.get('exper')
  const rlimit = values.get('rlimit')
  const us = values.get('us')
  const received = normaliseHexMac(sign)
  if (
    expiresAt === undefined ||
    received === undefined ||
    (exper !== undefined && !/^\d{1,9}$/.test(exper)) ||
    (rlimit !== undefined && !/^[1-9]$/.test(rlimit)) ||
    us === ''
  )
    return reject('TOKEN_INVALID', 'malformed', 'parameters')
  const path = canonicalPath(raw.value.path)
  if (path === undefined) return reject('TOKEN_INVALID', 'malformed', 'path')
  for (const { dir, scope } of dirCandidates(raw.value.path, path)) {
    const keyIndex = findRingKey(crypto, input.keys, received, (key) => [
      md5Hex(crypto, canonicalVodKey({ key: key.secret, dir, t, exper, rlimit, us })),
    ])
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
      restrictions: {
        ...(exper !== undefined && { previewSeconds: Number(exper) }),
        ...(rlimit !== undefined && { maxClientIps: Number(rlimit) }),
        ...(us !== undefined && { linkId: us }),
      },
    })
  }
  return reject('SIGNATURE_MISMATCH', 'signature-mismatch')
}
