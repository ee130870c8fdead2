// A viewer policy checked whole: rules, caps and callback, each problem with its parameter path.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { checkPolicy } from '../../../src/core/policy/policy-check.ts'
import { compileRules, evaluateRules } from '../../../src/core/policy/rules.ts'

// Texts that are, or nearly are, what a rule holds: addresses, ranges, host patterns, classes.
const ruleText = fc.oneof(
  fc.constantFrom(
    '10.0.0.0/8',
    '10.0.0.1',
    '::1',
    '2001:db8::/32',
    '::ffff:10.0.0.1',
    '0.0.0.0/0',
    '::/0',
    '10.0.0.0/33',
    '1.2.3',
    ':::',
    'example.com',
    '*.example.com',
    '*.',
    '*',
    'none',
    '',
    'bot',
    'cli',
    'player',
    'tv',
    'mobile',
    'browser',
    'empty',
    'other',
    'BOT',
    ' ',
  ),
  fc.string({ maxLength: 40 }),
)
const ruleValue = fc.oneof(
  fc.array(ruleText, { maxLength: 4 }),
  ruleText,
  fc.constant(null),
  fc.integer(),
  fc.dictionary(fc.string({ maxLength: 5 }), ruleText, { maxKeys: 2 }),
)
const rule = fc.oneof(
  fc.record(
    {
      action: fc.oneof(fc.constantFrom('allow', 'deny'), ruleText),
      ip: ruleValue,
      referrer: ruleValue,
      userAgent: ruleValue,
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
)
const policyInput = fc.oneof(
  fc.record(
    {
      rules: fc.oneof(fc.array(rule, { maxLength: 4 }), fc.anything()),
      caps: fc.oneof(
        fc.record(
          {
            maxIpsPerCredential: fc.oneof(fc.integer({ min: -2, max: 2000 }), fc.anything()),
            maxSessionsPerViewer: fc.oneof(fc.integer({ min: -2, max: 2000 }), fc.anything()),
            idleSeconds: fc.oneof(fc.double(), fc.integer({ min: 0, max: 100_000 })),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
      callback: fc.oneof(
        fc.record(
          {
            url: fc.oneof(fc.constant('https://app.example.com/may'), fc.string()),
            timeoutMs: fc.oneof(fc.integer(), fc.anything()),
            failOpen: fc.anything(),
          },
          { requiredKeys: [] },
        ),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
)
const header = fc.option(fc.oneof(ruleText, fc.webUrl(), fc.string()), { nil: undefined })

describe('checkPolicy', () => {
  it('fills defaults: no rules, no caps, no callback; a callback times out after 1 s, fails open', () => {
    assert.deepEqual(checkPolicy({}), {
      ok: true,
      policy: {
        rules: [],
        caps: { maxIpsPerCredential: null, maxSessionsPerViewer: null, idleSeconds: null },
        callback: null,
      },
    })
    const checked = checkPolicy({
      rules: [{ action: 'deny', userAgent: ['bot'] }],
      caps: { maxSessionsPerViewer: 1, idleSeconds: null },
      callback: { url: 'https://auth.example.com/may-watch?app=1' },
    })
    assert.deepEqual(checked, {
      ok: true,
      policy: {
        rules: [{ action: 'deny', userAgent: ['bot'] }],
        caps: { maxIpsPerCredential: null, maxSessionsPerViewer: 1, idleSeconds: null },
        callback: {
          url: 'https://auth.example.com/may-watch?app=1',
          timeoutMs: 1000,
          failOpen: true,
        },
      },
    })
  })

  it('names the parameter and the reason of the first problem', () => {
    const cases: [unknown, string, string][] = [
      [null, 'body', 'must be an object'],
      [{ rules: 'x' }, 'rules', 'must be a list of rules'],
      [{ caps: 3 }, 'caps', 'must be an object'],
      [{ caps: { maxViewers: 1 } }, 'caps.maxViewers', 'unknown field'],
      [
        { caps: { maxIpsPerCredential: 0 } },
        'caps.maxIpsPerCredential',
        'must be an integer from 1 to 1000',
      ],
      [{ caps: { idleSeconds: 1.5 } }, 'caps.idleSeconds', 'must be an integer from 5 to 86400'],
      [
        { caps: { maxSessionsPerViewer: '2' } },
        'caps.maxSessionsPerViewer',
        'must be an integer from 1 to 1000',
      ],
      [{ callback: 'https://a.test' }, 'callback', 'must be an object'],
      [{ callback: { url: 'https://a.test', retries: 1 } }, 'callback.retries', 'unknown field'],
      [
        { callback: { url: 'https://user:pw@a.test/' } },
        'callback.url',
        'must be an http(s) URL without credentials or fragment',
      ],
      [
        { callback: { url: 'https://a.test/#x' } },
        'callback.url',
        'must be an http(s) URL without credentials or fragment',
      ],
      [
        { callback: { url: 'file:///etc/passwd' } },
        'callback.url',
        'must be an http(s) URL without credentials or fragment',
      ],
      [
        { callback: { url: 7 } },
        'callback.url',
        'must be an http(s) URL without credentials or fragment',
      ],
      [
        { callback: { url: 'http://a.test', timeoutMs: 20 } },
        'callback.timeoutMs',
        'must be an integer from 50 to 10000',
      ],
      [
        { callback: { url: 'http://a.test', failOpen: 'no' } },
        'callback.failOpen',
        'must be true or false',
      ],
    ]
    for (const [input, parameter, reason] of cases)
      assert.deepEqual(checkPolicy(input), { ok: false, parameter, reason }, JSON.stringify(input))
  })

  it('puts a prefix before every parameter (import paths)', () => {
    assert.deepEqual(checkPolicy({ rules: [{ action: 'x' }] }, 'policies[2]'), {
      ok: false,
      parameter: 'policies[2].rules[0].action',
      reason: 'must be allow or deny',
    })
    assert.deepEqual(checkPolicy(7, 'policies[0]'), {
      ok: false,
      parameter: 'policies[0]',
      reason: 'must be an object',
    })
  })

  it('never throws, and no policy it accepts can make the edge throw on any request', () => {
    fc.assert(
      fc.property(
        policyInput,
        fc.array(fc.record({ clientIp: ruleText, referer: header, userAgent: header }), {
          maxLength: 4,
        }),
        (input, requests) => {
          const checked = checkPolicy(input)
          if (!checked.ok) {
            // Refused with the parameter it names and why.
            assert.equal(typeof checked.parameter, 'string')
            assert.ok(checked.reason.length > 0)
            return
          }
          const compiled = compileRules(checked.policy.rules)
          for (const request of requests) {
            const decision = evaluateRules(compiled, request)
            if (decision) assert.ok(decision.index < checked.policy.rules.length)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })
})
