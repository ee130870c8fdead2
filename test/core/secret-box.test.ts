import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError, accept, isAppError, reject, unwrap } from '../../src/core/errors.ts'
import { isVideoId, newId, newVideoId } from '../../src/core/ids.ts'
import { fixedClock } from '../../src/core/ports.ts'
import { createSecretBox, isWeakMasterKey, parseMasterKey } from '../../src/core/secret-box.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'

const KEY_HEX = '670f3dd80d2688c313796b1d16770c4b9727824932c710f383f04bfff77fca88'

describe('core/secret-box', () => {
  it('seals to a versioned value that opens to the plaintext and never contains it', () => {
    const box = createSecretBox(parseMasterKey(KEY_HEX)!, nodeCrypto)
    const sealed = box.seal('s3cr3t-value')
    assert.match(sealed, /^v1\./)
    assert.ok(!sealed.includes('s3cr3t'))
    assert.notEqual(box.seal('s3cr3t-value'), sealed, 'a fresh IV each time')
    assert.equal(box.open(sealed), 's3cr3t-value')
  })

  it('refuses to open under another master key or after tampering, without echoing the value', () => {
    const box = createSecretBox(parseMasterKey(KEY_HEX)!, nodeCrypto)
    const other = createSecretBox(nodeCrypto.randomBytes(32), nodeCrypto)
    const sealed = box.seal('s3cr3t-value')
    for (const attempt of [
      () => other.open(sealed),
      () => box.open(sealed.slice(0, -4) + 'AAAA'),
      () => box.open('plain'),
    ]) {
      assert.throws(
        attempt,
        (e: unknown) => isAppError(e) && e.code === 'INTERNAL' && !e.message.includes('s3cr3t'),
      )
    }
  })

  it('opens with a previous key during a rotation and seals only with the current one', () => {
    const old = parseMasterKey(KEY_HEX)!
    const next = nodeCrypto.randomBytes(32)
    const before = createSecretBox(old, nodeCrypto).seal('s3cr3t-value')
    const rotating = createSecretBox(next, nodeCrypto, [old])
    assert.equal(rotating.open(before), 's3cr3t-value')
    const after = rotating.seal('s3cr3t-value')
    assert.equal(createSecretBox(next, nodeCrypto).open(after), 's3cr3t-value')
    assert.throws(() => createSecretBox(old, nodeCrypto).open(after), { code: 'INTERNAL' })
    assert.throws(() => createSecretBox(next, nodeCrypto, [new Uint8Array(8)]), TypeError)
  })

  it('parses hex and base64 master keys and rejects other sizes', () => {
    const key = parseMasterKey(KEY_HEX)!
    assert.equal(key.length, 32)
    assert.deepEqual(parseMasterKey(Buffer.from(key).toString('base64')), key)
    assert.equal(parseMasterKey('abcd'), undefined)
    assert.throws(() => createSecretBox(new Uint8Array(16), nodeCrypto), TypeError)
  })

  it('calls a key weak when it has few distinct bytes', () => {
    assert.equal(isWeakMasterKey(new Uint8Array(32)), true)
    assert.equal(isWeakMasterKey(parseMasterKey(KEY_HEX)!), false)
  })

  // Regression #14: these passed without a word.
  it('calls counters, repeated patterns and text weak', () => {
    const weak = [
      '0123456789abcdef'.repeat(4),
      Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex'),
      Buffer.from(Array.from({ length: 32 }, (_, i) => (200 + 3 * i) % 256)).toString('hex'),
      Buffer.from('correct horse battery staple!!!!').toString('base64'),
      Buffer.from('this is my master key, 32 bytes').toString('hex') + '2e',
    ]
    for (const text of weak) assert.equal(isWeakMasterKey(parseMasterKey(text)!), true, text)
    for (let i = 0; i < 200; i++)
      assert.equal(isWeakMasterKey(nodeCrypto.randomBytes(32)), false, 'random keys pass')
  })
})

describe('core/errors and ids', () => {
  it('unwrap returns an accepted value and throws the rejected code', () => {
    assert.equal(unwrap(accept(5)), 5)
    assert.throws(
      () => unwrap(reject('TOKEN_EXPIRED', 'expired'), { parameter: 'x' }),
      (e: unknown) =>
        e instanceof AppError && e.code === 'TOKEN_EXPIRED' && e.details.parameter === 'x',
    )
  })

  it('makes prefixed ids and 32-hex video ids', () => {
    assert.match(newId(nodeCrypto, 'accessKey'), /^ak_[0-9a-f]{20}$/)
    const vid = newVideoId(nodeCrypto)
    assert.equal(isVideoId(vid), true)
    assert.equal(isVideoId('XYZ'), false)
  })

  it('fixedClock moves only when told', () => {
    const clock = fixedClock('2026-01-01T00:00:00Z')
    assert.equal(clock.now(), Date.UTC(2026, 0, 1))
    clock.advance(1500)
    assert.equal(clock.now(), Date.UTC(2026, 0, 1) + 1500)
    clock.set(42)
    assert.equal(clock.now(), 42)
  })
})
