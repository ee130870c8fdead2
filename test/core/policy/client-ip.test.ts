// The trusted client address: the socket peer unless a configured proxy forwarded the request.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { clientAddress, parseTrustedProxies } from '../../../src/core/policy/client-ip.ts'
import { userAgentClass } from '../../../src/core/policy/user-agent.ts'
import { referrerHost } from '../../../src/core/policy/referrer.ts'

const PROXIES = parseTrustedProxies(['10.0.0.0/8', '2001:db8::1'])

describe('clientAddress', () => {
  it('never reads X-Forwarded-For without a trusted-proxy list', () => {
    assert.equal(clientAddress('10.0.0.5', '203.0.113.9', []), '10.0.0.5')
  })

  it('ignores the header from a peer that is not a trusted proxy', () => {
    assert.equal(clientAddress('198.51.100.2', '203.0.113.9', PROXIES), '198.51.100.2')
  })

  it('takes the right-most untrusted hop behind trusted proxies', () => {
    assert.equal(
      clientAddress('10.0.0.5', '1.1.1.1, 203.0.113.9, 10.2.3.4', PROXIES),
      '203.0.113.9',
    )
    assert.equal(clientAddress('2001:db8::1', '203.0.113.9', PROXIES), '203.0.113.9')
    assert.equal(clientAddress('::ffff:10.0.0.5', '203.0.113.9', PROXIES), '203.0.113.9')
  })

  it('stops at a malformed hop and keeps the last address it could believe', () => {
    assert.equal(clientAddress('10.0.0.5', '203.0.113.9, junk, 10.1.1.1', PROXIES), '10.1.1.1')
    assert.equal(clientAddress('10.0.0.5', '10.1.1.1, 10.2.2.2', PROXIES), '10.1.1.1')
  })

  it('refuses an invalid trusted-proxy entry by name', () => {
    assert.throws(() => parseTrustedProxies(['10.0.0.0/8', 'proxy.local']), /proxy\.local/)
  })
})

describe('userAgentClass and referrerHost', () => {
  it('classifies common clients', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'empty'],
      ['  ', 'empty'],
      ['curl/8.5.0', 'cli'],
      ['Wget/1.21', 'cli'],
      ['Mozilla/5.0 (compatible; Googlebot/2.1)', 'bot'],
      ['AppleCoreMedia/1.0.0.21A329 (iPhone; U; CPU OS 17_0)', 'player'],
      ['Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0)', 'tv'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148 Safari/604.1', 'mobile'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36', 'browser'],
      ['MyApp/2.0', 'other'],
    ]
    for (const [ua, expected] of cases) assert.equal(userAgentClass(ua), expected, String(ua))
  })

  it('reads the host of a Referer', () => {
    assert.equal(referrerHost(undefined), undefined)
    assert.equal(referrerHost('https://User@Example.com.:8080/a'), 'example.com')
    assert.equal(referrerHost('http://[2001:db8::1]/'), '[2001:db8::1]')
    assert.equal(referrerHost('/relative'), '')
  })
})
