// Estimating how guessable a secret a person chose is: repeats and runs cost nothing, so
// `passwordpassword` and counters fall short while random tokens clear the bar with room.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  estimateEntropyBits,
  MIN_TOKEN_BITS,
  tokenWeakness,
} from '../../src/core/secret-strength.ts'

describe('core/secret-strength', () => {
  it('gives repeats, runs and repeated chunks no credit', () => {
    assert.equal(estimateEntropyBits(''), 0)
    assert.equal(estimateEntropyBits('aaaaaaaaaaaaaaaaaaaa'), estimateEntropyBits('a'))
    assert.equal(estimateEntropyBits('abcdefghijklmnopqrstuvwxyz'), estimateEntropyBits('a'))
    assert.equal(estimateEntropyBits('passwordpassword'), estimateEntropyBits('password'))
  })

  it('refuses tokens a person would pick and takes random ones', () => {
    for (const weak of [
      'passwordpassword',
      'x'.repeat(64),
      '0123456789abcdef0123456789abcdef',
      'pgadm_test_0123456789abcdefghijklmnop',
      'changemechangemechangeme',
    ])
      assert.match(tokenWeakness(weak) ?? '', /too guessable/, weak)
    for (const strong of [
      'pgadm_4Qx9TzLm2VwP7sKd1RbN8cYh3FjG6uAe5oXi',
      '3f9a0c1e7b2d4856a9e0f1c3b5d7e9a2',
      'nW5-tR8_qZ2!kL7@bX4#',
    ])
      assert.equal(tokenWeakness(strong), undefined, strong)
    assert.ok(MIN_TOKEN_BITS >= 96)
  })
})
