// Property tests across every URL scheme: whatever the path (percent-escapes, non-ASCII, dot
// segments, an existing query), sign then verify accepts; any one-character change to the path
// or the token is rejected unless it leaves the covered resource unchanged.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { percentEncode } from '../../../src/core/encoding/percent.ts'
import type { BinaryLike } from '../../../src/core/ports.ts'
import { URL_SCHEME_NAMES } from '../../../src/core/schemes/url-scheme.ts'
import type {
  RingKey,
  SignOptions,
  UrlScheme,
  VerifiedUrl,
} from '../../../src/core/schemes/url-scheme.ts'
import { streamOf } from '../../../src/core/schemes/tencent-live/canonical.ts'
import { URL_SCHEMES } from '../../../src/core/schemes/url-schemes.ts'
import { canonicalPath, dirOf, isWithin } from '../../../src/core/schemes/url-common/path.ts'
import {
  compactQuery,
  joinTarget,
  wireTarget,
} from '../../../src/core/schemes/url-common/target.ts'
import { crypto } from './url-common/kit.ts'

const RUNS = 200
const KEYS: RingKey[] = [
  { id: 'primary', secret: 'PrimaryKey0123456789' },
  { id: 'backup', secret: 'BackupKey9876543210' },
]
const CLIENT = '198.51.100.7'
const DECODING = new Set(['tencent-live', 'tencent-vod-key', 'nginx-secure-link', 'native'])

/** The targets a scheme may refuse to sign (TypeError), and why. */
function unsignable(name: string, target: string): boolean {
  const raw = wireTarget(target).path
  const path = canonicalPath(raw)
  // Schemes that compare decoded paths refuse an escape that is not UTF-8 (a literal "%FF").
  if (path === undefined) return DECODING.has(name)
  // A live URL needs /AppName/StreamName.
  if (name === 'tencent-live') return streamOf(path) === undefined
  // A directory token cannot cover a path that resolves outside its own directory (`/a/b/..`).
  if (name === 'tencent-vod-key') return !isWithin(path, canonicalPath(dirOf(raw))!)
  return false
}

const segment = fc.oneof(
  fc.constantFrom('.', '..', '', 'index.m3u8', 'seg-1.ts'),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => !/[/?#]/.test(s)),
)
const segments = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => '/' + s.join('/'))
// Half the paths sit under a fixed folder, so scopes are often deeper than "/".
const path = fc.oneof(
  segments,
  segments.map((p) => `/v/abc${p}`),
)
// Names start with "q" so they never collide with a scheme's own parameter names.
const param = fc.tuple(
  fc.stringMatching(/^q[a-z0-9]{0,4}$/),
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent),
    fc.string({ unit: 'grapheme', maxLength: 6 }).filter((s) => !/[&=#+]/.test(s)),
  ),
)
const query = fc
  .array(param, { maxLength: 3 })
  .map((ps) => ps.map(([k, v]) => `${k}=${v}`).join('&'))
const target = fc.tuple(path, query).map(([p, q]) => (q === '' ? p : `${p}?${q}`))
const REPLACEMENTS = ['a', 'Z', '0', '9', '/', '.', '%', '-', '_', '=', '&', '~', 'é']
const tamper = fc.record({
  at: fc.noBias(fc.nat({ max: 1_000_000 })),
  by: fc.constantFrom(...REPLACEMENTS),
  // The token is long, so half the changes are kept to the path, where scopes are tested.
  pathOnly: fc.boolean(),
})
const world = fc.record({
  target,
  now: fc.integer({ min: 1_500_000_000, max: 2_000_000_000 }),
  ttl: fc.integer({ min: 60, max: 86_400 }),
  keyIndex: fc.constantFrom(0, 1),
  scoped: fc.boolean(),
  bound: fc.boolean(),
  tampers: fc.array(tamper, { minLength: 1, maxLength: 4 }),
})

/** Native options: sometimes the target's directory as prefix, sometimes a bound client range. */
function optionsFor(
  scheme: UrlScheme,
  rawTarget: string,
  scoped: boolean,
  bound: boolean,
): SignOptions {
  if (scheme.name !== 'native') return {}
  const canonical = canonicalPath(wireTarget(rawTarget).path)!
  const prefix = dirOf(canonical).split('/').map(percentEncode).join('/')
  return { ...(scoped && { pathPrefix: prefix }), ...(bound && { clientIp: '198.51.100.0/24' }) }
}

/** The characters a forger could change: the path, and the parameters the signer appended. */
function tamperable(signed: string, rawTarget: string): { path: number[]; any: number[] } {
  const wire = wireTarget(rawTarget)
  const q = signed.indexOf('?')
  const signedPath = q < 0 ? signed : signed.slice(0, q)
  const signedQuery = q < 0 ? '' : signed.slice(q + 1)
  const original = [wire.query, compactQuery(wire.query)].find(
    (o) => o !== '' && (signedQuery === o || signedQuery.startsWith(o + '&')),
  )
  const addedFrom = original === undefined ? 0 : Math.min(original.length + 1, signedQuery.length)
  const path = Array.from({ length: signedPath.length }, (_, i) => i)
  const added: number[] = []
  for (let i = addedFrom; i < signedQuery.length; i++) added.push(q + 1 + i)
  return { path, any: [...path, ...added] }
}

/** Whether a tampered URL that still verified names the same covered resource. */
function sameCoverage(name: string, a: VerifiedUrl, b: VerifiedUrl): boolean {
  if (a.expiresAt !== b.expiresAt || a.keyIndex !== b.keyIndex) return false
  // The vendor formula hashes StreamName only, never AppName or the extension.
  if (name === 'tencent-live') return a.scope?.split('/')[2] === b.scope?.split('/')[2]
  // nginx hashes $uri, where "//" is merged: `/a//b` and `/a/b` are one resource.
  const resource = (p: string) => canonicalPath(p, { mergeSlashes: name === 'nginx-secure-link' })
  const pathB = resource(b.path)
  if (pathB === undefined) return false
  if (a.scope !== undefined) return b.scope === a.scope && isWithin(pathB, a.scope)
  return resource(a.path) === pathB
}

for (const name of URL_SCHEME_NAMES) {
  const scheme = URL_SCHEMES[name]

  describe(`${name} round trip`, () => {
    it('verifies what it signs, with either ring key, for any path and query', () => {
      fc.assert(
        fc.property(world, (w) => {
          const options = optionsFor(scheme, w.target, w.scoped, w.bound)
          const key = KEYS[w.keyIndex]!
          let signed: string
          try {
            signed = scheme.sign(
              { target: w.target, key, now: w.now, ttlSeconds: w.ttl, options },
              crypto,
            )
          } catch (error) {
            assert.ok(error instanceof TypeError, String(error))
            assert.ok(unsignable(name, w.target), `${name} refused ${w.target}: ${String(error)}`)
            return
          }
          const input = {
            keys: KEYS,
            now: w.now,
            ttlSeconds: w.ttl,
            skewSeconds: 0,
            clientIp: CLIENT,
          }
          const verdict = scheme.verify({ ...input, target: signed }, crypto)
          if (!verdict.ok) assert.fail(`${signed}: ${verdict.code} ${verdict.reason}`)
          const wire = wireTarget(w.target)
          assert.equal(verdict.value.keyIndex, w.keyIndex)
          assert.equal(verdict.value.path, wire.path)
          assert.equal(verdict.value.origin, joinTarget(wire.path, compactQuery(wire.query)))
          // Type B rounds its minute down, so it may expire up to 59 s early, never late.
          const drift = w.now + w.ttl - verdict.value.expiresAt
          assert.ok(drift >= 0 && drift < (name.endsWith('-b') ? 60 : 1), `drift ${drift}`)

          const stranger = scheme.verify(
            { ...input, target: signed, keys: [{ id: key.id, secret: 'other' }] },
            crypto,
          )
          assert.equal(stranger.ok === false && stranger.code, 'SIGNATURE_MISMATCH')

          const positions = tamperable(signed, w.target)
          for (const t of w.tampers) {
            const pool = t.pathOnly ? positions.path : positions.any
            const i = pool[t.at % pool.length]!
            if (signed[i]!.toLowerCase() === t.by.toLowerCase()) continue // hex case carries no meaning
            const forged = signed.slice(0, i) + t.by + signed.slice(i + 1)
            const result = scheme.verify({ ...input, target: forged }, crypto)
            if (result.ok && !sameCoverage(name, verdict.value, result.value))
              assert.fail(`accepted ${forged} (from ${signed}) as ${JSON.stringify(result.value)}`)
          }
        }),
        { numRuns: RUNS },
      )
    })

    it('accepts its MAC only when the port’s timingSafeEqual says equal (§10.4)', () => {
      const target = name === 'tencent-live' ? '/live/s1.m3u8' : '/v/abc/index.m3u8'
      const now = 1_700_000_000
      const signed = scheme.sign({ target, key: KEYS[1]!, now, ttlSeconds: 600 }, crypto)
      const input = { target: signed, keys: KEYS, now, ttlSeconds: 600, skewSeconds: 0 }
      let calls = 0
      const counting = {
        ...crypto,
        timingSafeEqual: (a: BinaryLike, b: BinaryLike) => (calls++, crypto.timingSafeEqual(a, b)),
      }
      assert.equal(scheme.verify({ ...input, clientIp: CLIENT }, counting).ok, true)
      assert.ok(calls > 0)
      const refusing = { ...crypto, timingSafeEqual: () => false }
      const verdict = scheme.verify({ ...input, clientIp: CLIENT }, refusing)
      assert.equal(verdict.ok === false && verdict.code, 'SIGNATURE_MISMATCH')
    })
  })
}
