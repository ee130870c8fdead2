// Binding rules: validation names the parameter, the first matching rule decides, IPv4/IPv6
// CIDR, referrer patterns with explicit "none", user-agent classes; properties with fast-check.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  checkViewerRules,
  compileRules,
  evaluateRules,
  type RuleRequest,
  type ViewerRule,
} from '../../../src/core/policy/rules.ts'

const REQUEST: RuleRequest = {
  clientIp: '192.0.2.7',
  referer: 'https://www.example.com/watch?v=1',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0',
}

function decide(rules: ViewerRule[], request: Partial<RuleRequest> = {}) {
  const checked = checkViewerRules(rules)
  assert.ok(checked.ok, JSON.stringify(checked))
  return evaluateRules(compileRules(checked.rules), { ...REQUEST, ...request })
}

describe('checkViewerRules', () => {
  it('names the parameter and the reason of the first problem', () => {
    const cases: [unknown, string, string][] = [
      [{}, 'rules', 'must be a list of rules'],
      [[null], 'rules[0]', 'must be an object'],
      [[{ action: 'maybe' }], 'rules[0].action', 'must be allow or deny'],
      [[{ action: 'deny', ip: ['10.0.0.0/33'] }], 'rules[0].ip[0]', 'not an IP address or CIDR'],
      [[{ action: 'deny', ip: '10.0.0.1' }], 'rules[0].ip', 'must be a list of strings'],
      [[{ action: 'deny', ip: [] }], 'rules[0].ip', 'must hold 1 to 100 entries'],
      [[{ action: 'deny', referrer: ['*.'] }], 'rules[0].referrer[0]', 'not a host pattern'],
      [
        [{ action: 'deny', referrer: ['Example.com'] }],
        'rules[0].referrer[0]',
        'not a host pattern',
      ],
      [
        [{ action: 'deny', userAgent: ['robot'] }],
        'rules[0].userAgent[0]',
        'not a user-agent class',
      ],
      [[{ action: 'deny', country: ['DE'] }], 'rules[0].country', 'unknown field'],
      [new Array(101).fill({ action: 'deny' }), 'rules', 'at most 100 rules'],
    ]
    for (const [input, parameter, reason] of cases) {
      assert.deepEqual(checkViewerRules(input), { ok: false, parameter, reason })
    }
  })

  it('keeps valid rules, IP texts in lower case', () => {
    assert.deepEqual(checkViewerRules([{ action: 'allow', ip: ['2001:DB8::/32'] }]), {
      ok: true,
      rules: [{ action: 'allow', ip: ['2001:db8::/32'] }],
    })
  })
})

describe('evaluateRules', () => {
  it('lets the first matching rule decide and allows nothing-matched requests by default', () => {
    const rules: ViewerRule[] = [
      { action: 'allow', ip: ['10.0.0.0/8'] },
      { action: 'deny', ip: ['10.1.0.0/16', '192.0.2.0/24'] },
    ]
    assert.deepEqual(decide(rules, { clientIp: '10.1.2.3' }), { action: 'allow', index: 0 })
    assert.deepEqual(decide(rules), { action: 'deny', index: 1 })
    assert.equal(decide(rules, { clientIp: '198.51.100.1' }), undefined)
  })

  it('locks to a network with an allow and a catch-all deny', () => {
    const rules: ViewerRule[] = [{ action: 'allow', ip: ['2001:db8:1::/48'] }, { action: 'deny' }]
    assert.equal(decide(rules, { clientIp: '2001:db8:1:ffff::9' })?.action, 'allow')
    assert.equal(decide(rules, { clientIp: '2001:db8:2::9' })?.action, 'deny')
    assert.equal(decide(rules, { clientIp: '::ffff:192.0.2.7' })?.action, 'deny')
  })

  it('reads an IPv4-mapped IPv6 client as IPv4', () => {
    const rules: ViewerRule[] = [{ action: 'deny', ip: ['192.0.2.0/24'] }]
    assert.equal(decide(rules, { clientIp: '::ffff:192.0.2.9' })?.action, 'deny')
  })

  it('matches referrer hosts, subdomain patterns and an explicit no-referrer', () => {
    const rules: ViewerRule[] = [
      { action: 'allow', referrer: ['*.example.com', 'none'] },
      { action: 'deny' },
    ]
    assert.equal(decide(rules)?.action, 'allow')
    assert.equal(decide(rules, { referer: undefined })?.action, 'allow')
    assert.equal(decide(rules, { referer: 'https://example.com/' })?.action, 'deny')
    assert.equal(decide(rules, { referer: 'https://evil-example.com/' })?.action, 'deny')
    assert.equal(decide(rules, { referer: 'https://a.example.com.evil.net/' })?.action, 'deny')
    assert.equal(decide(rules, { referer: 'https://A.Example.COM:8443/x' })?.action, 'allow')
    assert.equal(decide(rules, { referer: '' })?.action, 'deny')
    assert.equal(decide(rules, { referer: 'not a url' })?.action, 'deny')
  })

  it('matches user-agent classes, with an absent header as empty', () => {
    const rules: ViewerRule[] = [{ action: 'deny', userAgent: ['cli', 'bot', 'empty'] }]
    assert.equal(decide(rules)?.action, undefined)
    assert.equal(decide(rules, { userAgent: 'curl/8.5.0' })?.action, 'deny')
    assert.equal(decide(rules, { userAgent: 'Googlebot/2.1' })?.action, 'deny')
    assert.equal(decide(rules, { userAgent: undefined })?.action, 'deny')
    assert.equal(decide(rules, { userAgent: 'Lavf/60.3.100' })?.action, undefined)
  })

  it('needs every condition of a rule to match', () => {
    const rules: ViewerRule[] = [
      { action: 'deny', ip: ['192.0.2.0/24'], referrer: ['none'], userAgent: ['browser'] },
    ]
    assert.equal(decide(rules), undefined)
    assert.equal(decide(rules, { referer: undefined })?.action, 'deny')
  })

  it('never matches an IP rule for a client address it cannot parse', () => {
    assert.equal(
      decide([{ action: 'deny', ip: ['0.0.0.0/0', '::/0'] }], { clientIp: 'x' }),
      undefined,
    )
  })
})

const octet = fc.integer({ min: 0, max: 255 })
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'))
const group = fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16))
const ipv6 = fc.array(group, { minLength: 8, maxLength: 8 }).map((g) => g.join(':'))

describe('rule properties', () => {
  it('a catch-all rule decides every request', () => {
    fc.assert(
      fc.property(fc.oneof(ipv4, ipv6), fc.constantFrom('allow', 'deny'), (ip, action) => {
        assert.equal(decide([{ action }], { clientIp: ip })?.action, action)
      }),
    )
  })

  it('an address is inside its own /32 or /128, and inside /0 of its family only', () => {
    fc.assert(
      fc.property(ipv4, ipv6, (v4, v6) => {
        assert.equal(
          decide([{ action: 'deny', ip: [`${v4}/32`] }], { clientIp: v4 })?.action,
          'deny',
        )
        assert.equal(
          decide([{ action: 'deny', ip: [`${v6}/128`] }], { clientIp: v6 })?.action,
          'deny',
        )
        assert.equal(decide([{ action: 'deny', ip: ['0.0.0.0/0'] }], { clientIp: v6 }), undefined)
      }),
    )
  })

  it('the first matching rule wins: rules after a catch-all never decide', () => {
    const rule = fc.record(
      {
        action: fc.constantFrom('allow' as const, 'deny' as const),
        ip: fc.array(ipv4, { minLength: 1, maxLength: 3 }),
      },
      { requiredKeys: ['action'] },
    )
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 5 }),
        fc.array(rule, { maxLength: 5 }),
        ipv4,
        (head, tail, ip) => {
          const first = decide([...head, { action: 'deny' }, ...tail], { clientIp: ip })
          assert.ok(first !== undefined && first.index <= head.length)
        },
      ),
    )
  })

  it('a CIDR contains exactly the addresses sharing its prefix bits', () => {
    fc.assert(
      fc.property(ipv4, ipv4, fc.integer({ min: 0, max: 32 }), (a, b, prefix) => {
        const bits = (ip: string) =>
          ip
            .split('.')
            .map((o) => Number(o).toString(2).padStart(8, '0'))
            .join('')
        const inside = bits(a).slice(0, prefix) === bits(b).slice(0, prefix)
        const decision = decide([{ action: 'deny', ip: [`${a}/${prefix}`] }], { clientIp: b })
        assert.equal(decision !== undefined, inside)
      }),
    )
  })
})
