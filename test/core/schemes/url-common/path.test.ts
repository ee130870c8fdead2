// Path canonicalisation and scope tests (src/core/schemes/url-common/path.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canonicalPath,
  dirOf,
  isWithin,
  isWithinScope,
  pathVariants,
  removeDotSegments,
} from '../../../../src/core/schemes/url-common/path.ts'

describe('removeDotSegments (RFC 3986 §5.2.4)', () => {
  const cases: [string, string][] = [
    ['/a/b/c/./../../g', '/a/g'],
    ['/a/./b', '/a/b'],
    ['/a/b/..', '/a/'],
    ['/a/b/.', '/a/b/'],
    ['/..', '/'],
    ['/../../x', '/x'],
    ['/a//b', '/a//b'],
    ['/', '/'],
    ['/a/', '/a/'],
    ['/a/..b/.c', '/a/..b/.c'],
  ]
  for (const [input, output] of cases)
    it(`turns ${input} into ${output}`, () => assert.equal(removeDotSegments(input), output))
})

describe('canonicalPath', () => {
  it('decodes the whole path before removing dot segments, so %2F separates', () => {
    assert.equal(canonicalPath('/v/abc/..%2Fsecret.mp4'), '/v/secret.mp4')
    assert.equal(canonicalPath('/v/%2e%2e/x'), '/x')
    assert.equal(canonicalPath('/%E8%A7%86/a%20b'), '/视/a b')
  })

  it('merges slashes only when asked (nginx merge_slashes)', () => {
    assert.equal(canonicalPath('/a//b'), '/a//b')
    assert.equal(canonicalPath('/a//b', { mergeSlashes: true }), '/a/b')
  })

  it('is undefined for a bad escape, invalid UTF-8 or a relative path', () => {
    assert.equal(canonicalPath('/a%zz'), undefined)
    assert.equal(canonicalPath('/a%FF'), undefined)
    assert.equal(canonicalPath('a/b'), undefined)
  })
})

describe('scopes', () => {
  it('holds a path under a slash-terminated scope', () => {
    assert.equal(isWithin('/v/abc/seg.ts', '/v/abc/'), true)
    assert.equal(isWithin('/v/abcdef/seg.ts', '/v/abc/'), false)
  })

  it('treats a scope without a trailing slash as a directory, not a string prefix', () => {
    assert.equal(isWithin('/v/abc', '/v/abc'), true)
    assert.equal(isWithin('/v/abc/x', '/v/abc'), true)
    assert.equal(isWithin('/v/abcdef', '/v/abc'), false)
  })

  it('canonicalises a raw sibling path before comparing it with a scope', () => {
    assert.equal(isWithinScope('/v/abc/720p/seg.ts', '/v/abc/'), true)
    assert.equal(isWithinScope('/v/abc/..%2Fother/seg.ts', '/v/abc/'), false)
    assert.equal(isWithinScope('/v/abc/%zz', '/v/abc/'), false)
  })
})

describe('dirOf and pathVariants', () => {
  it('cuts the file name but keeps the trailing slash', () => {
    assert.equal(dirOf('/dir1/dir2/myVideo.mp4'), '/dir1/dir2/')
    assert.equal(dirOf('/a.mp4'), '/')
  })

  it('lists the raw path, then the decoded one only when it differs and decodes', () => {
    assert.deepEqual(pathVariants('/a/b'), ['/a/b'])
    assert.deepEqual(pathVariants('/a%20b'), ['/a%20b', '/a b'])
    assert.deepEqual(pathVariants('/a%zz'), ['/a%zz'])
  })

  it('leaves out a decoded form holding "%", which could be read at two decoding levels', () => {
    assert.deepEqual(pathVariants('/%252541.mp4'), ['/%252541.mp4'])
  })
})
