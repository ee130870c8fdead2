// IP and CIDR parsing for IP-bound URLs (src/core/schemes/url-common/ip.ts).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseIp, parseIpRange, rangeContains } from '../../../../src/core/schemes/url-common/ip.ts'

const inRange = (range: string, ip: string) => rangeContains(parseIpRange(range)!, parseIp(ip)!)

describe('parseIp', () => {
  it('parses IPv4 and IPv6 forms', () => {
    assert.deepEqual([...parseIp('192.0.2.7')!], [192, 0, 2, 7])
    assert.deepEqual([...parseIp('2001:db8::1')!], [32, 1, 13, 184, ...Array(11).fill(0), 1])
    assert.deepEqual([...parseIp('::')!], Array(16).fill(0))
    assert.deepEqual([...parseIp('1:2:3:4:5:6:7:8')!].slice(14), [0, 8])
    assert.deepEqual([...parseIp('64:ff9b::192.0.2.33')!].slice(12), [192, 0, 2, 33])
  })

  it('reads IPv4-mapped IPv6, as Node reports IPv4 clients, as IPv4', () => {
    assert.deepEqual([...parseIp('::ffff:192.0.2.7')!], [192, 0, 2, 7])
  })

  it('refuses ambiguous or malformed text', () => {
    for (const bad of [
      '192.0.2',
      '192.0.2.07',
      '192.0.2.256',
      '1:2:3:4:5:6:7',
      '1::2::3',
      '1:2:3:4:5:6:7:8::',
      'fe80::1%eth0',
      '::ffff:1.2.3',
      '12345::',
      'example.com',
      '',
    ])
      assert.equal(parseIp(bad), undefined, bad)
  })
})

describe('parseIpRange and rangeContains', () => {
  it('matches inside an IPv4 CIDR and not outside', () => {
    assert.equal(inRange('192.0.2.0/24', '192.0.2.200'), true)
    assert.equal(inRange('192.0.2.0/24', '192.0.3.1'), false)
    assert.equal(inRange('10.0.0.0/9', '10.127.255.255'), true)
    assert.equal(inRange('10.0.0.0/9', '10.128.0.0'), false)
  })

  it('treats a bare address as a full-length range', () => {
    assert.equal(inRange('192.0.2.7', '192.0.2.7'), true)
    assert.equal(inRange('192.0.2.7', '192.0.2.8'), false)
  })

  it('matches IPv6 prefixes, and never across families', () => {
    assert.equal(inRange('2001:db8::/32', '2001:db8:ffff::1'), true)
    assert.equal(inRange('2001:db8::/32', '2001:db9::1'), false)
    assert.equal(inRange('::/0', '192.0.2.1'), false)
    assert.equal(inRange('0.0.0.0/0', '::ffff:192.0.2.1'), true)
  })

  it('refuses a prefix longer than the family or written oddly', () => {
    for (const bad of ['192.0.2.0/33', '192.0.2.0/024', '192.0.2.0/', '2001:db8::/129', 'x/8'])
      assert.equal(parseIpRange(bad), undefined, bad)
  })
})
