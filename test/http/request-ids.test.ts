// The API listener's request ids (src/http/app.ts createRequestIds): the `req_` + 20 hex shape
// every log line and x-request-id carries, 80 random bits each, drawn 200 at a time.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRequestIds } from '../../src/http/app.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'

describe('createRequestIds', () => {
  it('gives req_ and 20 lower-case hex digits, never the same id twice', () => {
    const next = createRequestIds(nodeCrypto)
    const ids = Array.from({ length: 1000 }, next)
    for (const id of ids) assert.match(id, /^req_[0-9a-f]{20}$/)
    assert.equal(new Set(ids).size, ids.length)
  })

  it('cuts each id from the CSPRNG bytes in order, one draw per 200 ids', () => {
    const draws: number[] = []
    let fill = 0
    const crypto = {
      randomBytes(n: number) {
        draws.push(n)
        return Uint8Array.from({ length: n }, () => fill++ & 0xff)
      },
    }
    const next = createRequestIds(crypto)
    assert.equal(next(), 'req_00010203040506070809')
    assert.equal(next(), 'req_0a0b0c0d0e0f10111213')
    for (let i = 2; i < 200; i++) next()
    assert.deepEqual(draws, [2000])
    assert.equal(next(), 'req_d0d1d2d3d4d5d6d7d8d9')
    assert.deepEqual(draws, [2000, 2000])
  })
})
