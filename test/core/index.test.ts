import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import * as core from '../../src/core/index.ts'

describe('core/index', () => {
  it('exposes the catalogue, every URL scheme and the Aliyun credential functions', () => {
    assert.equal(Object.keys(core.URL_SCHEMES).length, core.URL_SCHEME_NAMES.length)
    for (const name of [
      'AppError',
      'mintPlayAuth',
      'verifyV1',
      'parsePlaylist',
      'createSecretBox',
      'signPolyvV2',
      'verifyPolyvV2',
    ])
      assert.equal(typeof (core as Record<string, unknown>)[name], 'function', name)
  })
})
