// Ordered ids (audit events): the ev_ + 20 hex shape, in time order, never repeated.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createOrderedIds } from '../../src/core/ids.ts'
import { fixedClock, type Crypto } from '../../src/core/ports.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'

const fixedTag = (bytes: number[]): Crypto => ({
  ...nodeCrypto,
  randomBytes: () => Uint8Array.from(bytes),
})

describe('core/ids createOrderedIds', () => {
  it('is the milliseconds, the tag, then a count within the millisecond', () => {
    const clock = fixedClock('2026-12-04T10:00:00.000Z')
    const next = createOrderedIds(fixedTag([0xab, 0xcd, 0xef]), clock, 'audit')
    const ms = Date.parse('2026-12-04T10:00:00.000Z').toString(16).padStart(11, '0')
    assert.equal(next(), `ev_${ms}abcdef000`)
    assert.equal(next(), `ev_${ms}abcdef001`)
    clock.advance(1)
    const later = (Date.parse('2026-12-04T10:00:00.000Z') + 1).toString(16).padStart(11, '0')
    assert.equal(next(), `ev_${later}abcdef000`)
  })

  it('sorts in the order it was issued, also when the clock steps back or a millisecond fills', () => {
    const clock = fixedClock('2026-12-04T10:00:00.000Z')
    const next = createOrderedIds(nodeCrypto, clock, 'audit')
    const ids: string[] = []
    for (let i = 0; i < 5000; i++) ids.push(next())
    clock.advance(-60_000)
    for (let i = 0; i < 10; i++) ids.push(next())
    for (const id of ids) assert.match(id, /^ev_[0-9a-f]{20}$/)
    assert.equal(new Set(ids).size, ids.length)
    assert.deepEqual([...ids].sort(), ids)
  })
})
