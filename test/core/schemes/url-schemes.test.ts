// The URL-scheme registry (src/core/schemes/url-schemes.ts): one default per name.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { URL_SCHEME_NAMES } from '../../../src/core/schemes/url-scheme.ts'
import { isUrlSchemeName, URL_SCHEMES, urlScheme } from '../../../src/core/schemes/url-schemes.ts'

describe('URL_SCHEMES', () => {
  it('holds exactly one scheme per URL_SCHEME_NAMES entry, under its own name', () => {
    assert.deepEqual(Object.keys(URL_SCHEMES).sort(), [...URL_SCHEME_NAMES].sort())
    for (const name of URL_SCHEME_NAMES) assert.equal(URL_SCHEMES[name].name, name)
  })

  it('marks directory-capable schemes, and only those, as directory', () => {
    const directory = URL_SCHEME_NAMES.filter((n) => URL_SCHEMES[n].propagation === 'directory')
    assert.deepEqual(directory, ['tencent-live', 'tencent-vod-key', 'native'])
  })

  it('looks a scheme up by name', () => {
    assert.equal(urlScheme('aliyun-a'), URL_SCHEMES['aliyun-a'])
  })

  it('tells scheme names from other strings', () => {
    assert.equal(isUrlSchemeName('native'), true)
    assert.equal(isUrlSchemeName('none'), false)
    assert.equal(isUrlSchemeName('toString'), false)
  })
})
