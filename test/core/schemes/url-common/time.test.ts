// Time formats and the validity window (src/core/schemes/url-common/time.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  expiryOf,
  formatHexTime,
  formatUtc8Minutes,
  issuedAtOf,
  outsideWindow,
  parseDecimalTime,
  parseHexOrDecimalTime,
  parseHexTime,
  parseUtc8Minutes,
} from '../../../../src/core/schemes/url-common/time.ts'

const sign = (now: number, ttlSeconds: number, expiresAt?: number) => ({
  target: '/a',
  key: { id: 'k', secret: 's' },
  now,
  ttlSeconds,
  ...(expiresAt !== undefined && { options: { expiresAt } }),
})

describe('UTC+8 YYYYMMDDHHMM (type B)', () => {
  it('formats 2015-08-15T00:00:00Z as 201508150800 (url-signing.md §2.2)', () => {
    assert.equal(formatUtc8Minutes(1439596800), '201508150800')
  })

  it('rolls over to the next UTC+8 day at 16:00 UTC', () => {
    assert.equal(formatUtc8Minutes(Date.UTC(2024, 11, 31, 15, 59, 59) / 1000), '202412312359')
    assert.equal(formatUtc8Minutes(Date.UTC(2024, 11, 31, 16, 0, 0) / 1000), '202501010000')
  })

  it('parses UTC+8 midnight back to 16:00 UTC of the day before', () => {
    assert.equal(parseUtc8Minutes('202501010000'), Date.UTC(2024, 11, 31, 16) / 1000)
  })

  it('refuses impossible dates and times instead of rolling them over', () => {
    for (const bad of [
      '201502300800',
      '201513010000',
      '201508152400',
      '201508150860',
      '2015081508',
      '201500010000',
      '201508000000',
      '202302290000',
      '190002290000',
      '202404310000',
    ])
      assert.equal(parseUtc8Minutes(bad), undefined, bad)
  })

  it('accepts the last day of every month, leap days included', () => {
    for (const [text, y, m, d] of [
      ['202402290000', 2024, 1, 29],
      ['200002290000', 2000, 1, 29],
      ['202312312359', 2023, 11, 31],
      ['202304300000', 2023, 3, 30],
    ] as const) {
      const h = text.endsWith('2359') ? 23 : 0
      const mi = text.endsWith('2359') ? 59 : 0
      assert.equal(parseUtc8Minutes(text), Date.UTC(y, m, d, h, mi) / 1000 - 8 * 3600, text)
      assert.equal(formatUtc8Minutes(parseUtc8Minutes(text)!), text)
    }
  })
})

describe('Unix time fields', () => {
  it('writes 8 hex digits in the asked case', () => {
    assert.equal(formatHexTime(1439596800, true), '55CE8100')
    assert.equal(formatHexTime(1582791032, false), '5e577978')
    assert.equal(formatHexTime(255, false), '000000ff')
  })

  it('parses 8 hex digits of either case, nothing else', () => {
    assert.equal(parseHexTime('55ce8100'), 1439596800)
    assert.equal(parseHexTime('55CE810'), undefined)
    assert.equal(parseHexTime('55CE8100 '), undefined)
  })

  it('parses decimal seconds', () => {
    assert.equal(parseDecimalTime('1444435200'), 1444435200)
    assert.equal(parseDecimalTime('-1'), undefined)
    assert.equal(parseDecimalTime(''), undefined)
  })

  it('reads 8 digits as hex and 10 digits as decimal (tencent-live.md §7.1)', () => {
    assert.equal(parseHexOrDecimalTime('5C271099'), 1546064025)
    assert.equal(parseHexOrDecimalTime('12345678'), 0x12345678)
    assert.equal(parseHexOrDecimalTime('1546064025'), 1546064025)
    assert.equal(parseHexOrDecimalTime('154606402'), undefined)
  })
})

describe('expiry and issue time of a URL to sign', () => {
  it('expires at now + TTL by default and is issued now', () => {
    assert.equal(expiryOf(sign(1000.7, 60)), 1060)
    assert.equal(issuedAtOf(sign(1000, 60)), 1000)
  })

  it('moves the issue time so that issue + TTL is the asked expiry', () => {
    assert.equal(expiryOf(sign(1000, 60, 5000)), 5000)
    assert.equal(issuedAtOf(sign(1000, 60, 5000)), 4940)
  })
})

describe('outsideWindow', () => {
  const window = { notBefore: 1000, expiresAt: 2000 }

  it('accepts up to skew after expiry and from skew before the start', () => {
    assert.equal(outsideWindow(2300, 300, window), undefined)
    assert.equal(outsideWindow(700, 300, window), undefined)
  })

  it('rejects one second past expiry + skew as TOKEN_EXPIRED', () => {
    assert.deepEqual(outsideWindow(2301, 300, window), {
      ok: false,
      code: 'TOKEN_EXPIRED',
      reason: 'expired',
    })
  })

  it('rejects one second before start − skew as TOKEN_NOT_YET_VALID', () => {
    assert.deepEqual(outsideWindow(699, 300, window), {
      ok: false,
      code: 'TOKEN_NOT_YET_VALID',
      reason: 'not-yet-valid',
    })
  })
})
