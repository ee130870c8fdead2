// nginx secure_link signing: the doc vector and the default expression reproduce exactly, and
// the expression template is parsed strictly (url-signing.md §6.1).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  DEFAULT_EXPRESSION,
  evaluateExpression,
  nginxUri,
  parseExpression,
  secureLinkHash,
} from '../../../../src/core/schemes/nginx-secure-link/canonical.ts'
import {
  createNginxSecureLink,
  nginxSecureLink,
} from '../../../../src/core/schemes/nginx-secure-link/scheme.ts'
import { crypto } from '../url-common/kit.ts'
import { DEFAULT_VECTOR, DOC_VECTOR } from './vectors.ts'

describe('secure_link_md5 expressions', () => {
  it('evaluates the doc expression to the §6.1 string and hash', () => {
    const text = evaluateExpression(parseExpression(DOC_VECTOR.expression), {
      expires: String(DOC_VECTOR.expires),
      uri: '/s/link',
      remoteAddr: DOC_VECTOR.clientIp,
      secret: DOC_VECTOR.secret,
    })
    assert.equal(text, DOC_VECTOR.evaluated)
    assert.equal(secureLinkHash(crypto, text), DOC_VECTOR.hash)
    // The same through a port without the native hashText helper.
    const { hashText, ...plain } = crypto
    assert.equal(typeof hashText, 'function')
    assert.equal(secureLinkHash(plain, text), DOC_VECTOR.hash)
  })

  it('ships "$secure_link_expires$uri $secret" as the default', () => {
    assert.equal(DEFAULT_EXPRESSION, '$secure_link_expires$uri $secret')
    assert.deepEqual(parseExpression(DEFAULT_EXPRESSION), [
      { variable: 'secure_link_expires' },
      { variable: 'uri' },
      { literal: ' ' },
      { variable: 'secret' },
    ])
  })

  it('reads ${name} references and literal text around them', () => {
    assert.deepEqual(parseExpression('a${secure_link_expires}b$secret'), [
      { literal: 'a' },
      { variable: 'secure_link_expires' },
      { literal: 'b' },
      { variable: 'secret' },
    ])
  })

  it('refuses unknown variables, a bare "$", and expressions without expiry or secret', () => {
    for (const bad of [
      '$secure_link_expires$args $secret',
      '$secure_link_expires$uri $ $secret',
      '$uri $secret',
      '$secure_link_expires$uri secret',
    ])
      assert.throws(() => parseExpression(bad), TypeError, bad)
    assert.throws(() => createNginxSecureLink({ expression: '$uri' }), TypeError)
  })
})

describe('nginxUri ($uri)', () => {
  it('decodes, merges slashes and removes dot segments, as nginx does', () => {
    assert.equal(nginxUri('/s//a/./b/../%6Cink%20x'), '/s/a/link x')
    assert.equal(nginxUri('/s/%zz'), undefined)
  })
})

describe('nginx-secure-link sign', () => {
  it('reproduces the nginx doc URL with the $remote_addr expression', () => {
    const scheme = createNginxSecureLink({ expression: DOC_VECTOR.expression })
    const url = scheme.sign(
      {
        target: '/s/link',
        key: { id: 'k0', secret: DOC_VECTOR.secret },
        now: 0,
        ttlSeconds: 0,
        options: { expiresAt: DOC_VECTOR.expires, clientIp: DOC_VECTOR.clientIp },
      },
      crypto,
    )
    assert.equal(url, DOC_VECTOR.url)
  })

  it('signs with the default expression, expires = now + TTL', () => {
    const url = nginxSecureLink.sign(
      {
        target: '/v/abc/index.m3u8',
        key: { id: 'k0', secret: DEFAULT_VECTOR.secret },
        now: DEFAULT_VECTOR.expires - 3600,
        ttlSeconds: 3600,
      },
      crypto,
    )
    assert.equal(url, DEFAULT_VECTOR.url)
  })

  it('hashes $uri, not the raw path, and keeps the raw path and query in the URL', () => {
    const url = nginxSecureLink.sign(
      {
        target: '/v/./abc//index.m3u8?x=1',
        key: { id: 'k0', secret: DEFAULT_VECTOR.secret },
        now: DEFAULT_VECTOR.expires - 3600,
        ttlSeconds: 3600,
      },
      crypto,
    )
    assert.equal(
      url,
      `/v/./abc//index.m3u8?x=1&md5=${DEFAULT_VECTOR.hash}&expires=${DEFAULT_VECTOR.expires}`,
    )
  })

  it('uses configured argument names', () => {
    const scheme = createNginxSecureLink({ hashParam: 'st', expiresParam: 'e' })
    const url = scheme.sign(
      {
        target: '/v/abc/index.m3u8',
        key: { id: 'k0', secret: 's3cr3t' },
        now: 1700000000,
        ttlSeconds: 3600,
      },
      crypto,
    )
    assert.equal(url, `/v/abc/index.m3u8?st=${DEFAULT_VECTOR.hash}&e=1700003600`)
  })

  it('refuses a path whose escapes are not UTF-8: nginx $uri would not match it', () => {
    const input = { target: '/v/%FF.ts', key: { id: 'k0', secret: 's' }, now: 0, ttlSeconds: 1 }
    assert.throws(() => nginxSecureLink.sign(input, crypto), TypeError)
  })

  it('refuses to sign a $remote_addr expression without clientIp', () => {
    const scheme = createNginxSecureLink({ expression: DOC_VECTOR.expression })
    const input = { target: '/s/link', key: { id: 'k0', secret: 's' }, now: 0, ttlSeconds: 1 }
    assert.throws(() => scheme.sign(input, crypto), TypeError)
  })
})
