// Tencent VOD Key verification: Dir scope, fixed order, t as expiry with the recommended 300 s
// tolerance, primary and backup keys, and the exper/rlimit/us restrictions (tencent-live.md §8).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tencentVodKey } from '../../../../src/core/schemes/tencent-vod-key/scheme.ts'
import { accepted, crypto, rejected, ring, verifyInput } from '../url-common/kit.ts'
import { VOD_KEY, VOD_PATH, VOD_T, VOD_VECTORS } from './vectors.ts'

const SKEW = 300
const keys = ring(VOD_KEY, 'backupKey12345')
const secrets = keys.map((k) => k.secret)
const [plain, limited, preview] = VOD_VECTORS
const at = (now: number, target: string = plain.url) =>
  tencentVodKey.verify(verifyInput(target, keys, now, { skewSeconds: SKEW }), crypto)

describe('tencent-vod-key verify', () => {
  it('accepts the expiry-only vector with the directory as scope', () => {
    assert.deepEqual(accepted(at(VOD_T)), {
      path: VOD_PATH,
      origin: VOD_PATH,
      expiresAt: VOD_T,
      keyIndex: 0,
      scope: '/dir1/dir2/',
      restrictions: { linkId: '72d4cd1101' },
    })
  })

  it('reports rlimit and exper for the edge to enforce', () => {
    assert.deepEqual(accepted(at(VOD_T, limited.url)).restrictions, {
      maxClientIps: 3,
      linkId: '72d4cd1101',
    })
    assert.deepEqual(accepted(at(VOD_T, preview.url)).restrictions, {
      previewSeconds: 300,
      linkId: '72d4cd1101',
    })
  })

  it('lets one token serve every file of the directory (the playlist and its segments)', () => {
    const segment = plain.url.replace('myVideo.mp4', 'seg-001.ts')
    assert.equal(accepted(at(VOD_T, segment)).path, '/dir1/dir2/seg-001.ts')
  })

  it('accepts until t + 300 s tolerance, then TOKEN_EXPIRED; ttlSeconds plays no part', () => {
    accepted(at(VOD_T + SKEW))
    rejected(at(VOD_T + SKEW + 1), 'TOKEN_EXPIRED', secrets)
  })

  it('verifies the backup key with keyIndex 1', () => {
    const url = tencentVodKey.sign(
      { target: '/v/a.m3u8', key: keys[1]!, now: VOD_T, ttlSeconds: 60 },
      crypto,
    )
    assert.equal(accepted(at(VOD_T, url)).keyIndex, 1)
  })

  it('rejects another directory, a changed t or us, or a dropped rlimit as SIGNATURE_MISMATCH', () => {
    rejected(at(VOD_T, plain.url.replace('/dir2/', '/dir3/')), 'SIGNATURE_MISMATCH', secrets)
    rejected(at(VOD_T, plain.url.replace('t=5a71afc0', 't=5a71afc1')), 'SIGNATURE_MISMATCH')
    rejected(at(VOD_T, plain.url.replace('us=72d4', 'us=72d5')), 'SIGNATURE_MISMATCH')
    rejected(at(VOD_T, limited.url.replace('rlimit=3&', '')), 'SIGNATURE_MISMATCH')
  })

  it('rejects an escape from the signed directory through ..%2F as SCOPE_MISMATCH', () => {
    rejected(at(VOD_T, plain.url.replace('myVideo.mp4', '..%2F..%2Fsecret.mp4')), 'SCOPE_MISMATCH')
  })

  it('verifies a directory signed decoded but requested percent-encoded', () => {
    const url = tencentVodKey.sign(
      {
        target: '/视频/a.m3u8',
        key: keys[0]!,
        now: VOD_T,
        ttlSeconds: 60,
        options: { linkId: '' },
      },
      crypto,
    )
    assert.equal(accepted(at(VOD_T, url)).scope, '/视频/')
  })

  it('verifies a directory signed resolved but requested with a dot segment', () => {
    const url = tencentVodKey.sign(
      { target: '/dir/a.ts', key: keys[0]!, now: VOD_T, ttlSeconds: 60, options: { linkId: '' } },
      crypto,
    )
    const verified = accepted(at(VOD_T, url.replace('/dir/', '/dir/sub/../')))
    assert.equal(verified.scope, '/dir/')
    assert.equal(verified.path, '/dir/sub/../a.ts')
  })

  // Regression (round-trip property): a resolved directory holding "%" was decoded a second time.
  it('verifies a directory holding a literal "%" and reads it at one decoding level only', () => {
    const url = tencentVodKey.sign(
      { target: '/%25/a.ts', key: keys[0]!, now: VOD_T, ttlSeconds: 60, options: { linkId: '' } },
      crypto,
    )
    assert.equal(accepted(at(VOD_T, url)).scope, '/%/')
    rejected(at(VOD_T, url.replace('/%25/', '/%2525/')), 'SIGNATURE_MISMATCH')
  })

  it('refuses referer/region lists it cannot enforce, as TOKEN_INVALID', () => {
    rejected(at(VOD_T, plain.url.replace('&sign=', '&whref=example.com&sign=')), 'TOKEN_INVALID')
  })

  it('rejects parameters out of order, missing, repeated or misshapen as TOKEN_INVALID', () => {
    const sign = plain.sign
    for (const target of [
      `${VOD_PATH}?us=72d4cd1101&t=5a71afc0&sign=${sign}`,
      `${VOD_PATH}?sign=${sign}&t=5a71afc0`,
      `${VOD_PATH}?t=5a71afc0&us=72d4cd1101`,
      `${VOD_PATH}?us=72d4cd1101&sign=${sign}`,
      `${VOD_PATH}?t=5a71afc0&t=5a71afc0&sign=${sign}`,
      `${VOD_PATH}?t=5a71afc&sign=${sign}`,
      `${VOD_PATH}?t=5a71afc0&rlimit=0&sign=${sign}`,
      `${VOD_PATH}?t=5a71afc0&rlimit=10&sign=${sign}`,
      `${VOD_PATH}?t=5a71afc0&exper=3x&sign=${sign}`,
      `${VOD_PATH}?t=5a71afc0&us=&sign=${sign}`,
      `${VOD_PATH}?t=5a71afc0&sign=${sign.slice(2)}`,
      `/dir1/%zz/a.mp4?t=5a71afc0&sign=${sign}`,
      `dir1/a.mp4?t=5a71afc0&sign=${sign}`,
    ])
      rejected(at(VOD_T, target), 'TOKEN_INVALID', secrets)
  })
})
