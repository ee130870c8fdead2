// Native API, /v1/audit-events: the trail the use cases write, newest first, filtered by tenant,
// kind, subject, outcome and time range, a page at a time.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, nativeApp, NOW } from './native-app.ts'

describe('native API: audit events', () => {
  it('lists events newest first with their exact fields', async (t) => {
    const { call, services, clock } = await nativeApp(t)
    await services.audit.record({
      tenantId: 'tn_a',
      kind: 'credential.denied',
      subject: 'video-1',
      reason: 'SIGNATURE_EXPIRED',
      detail: { dialect: 'aliyun' },
    })
    clock.advance(1000)
    await services.audit.record({ tenantId: null, kind: 'credential.issued', subject: 'video-2' })
    const reply = await call('GET', '/v1/audit-events')
    assert.equal(reply.status, 200)
    const [newest, oldest] = reply.body.items
    assert.match(newest.id, /^ev_[0-9a-f]{20}$/)
    assert.deepEqual(reply.body, {
      items: [
        {
          id: newest.id,
          tenantId: null,
          kind: 'credential.issued',
          subject: 'video-2',
          reason: null,
          detail: {},
          at: '2026-01-01T00:00:01.000Z',
        },
        {
          id: oldest.id,
          tenantId: 'tn_a',
          kind: 'credential.denied',
          subject: 'video-1',
          reason: 'SIGNATURE_EXPIRED',
          detail: { dialect: 'aliyun' },
          at: NOW,
        },
      ],
      total: 2,
      page: 1,
      pageSize: 20,
    })
  })

  it('filters by tenant and kind, and pages', async (t) => {
    const { call, services, clock } = await nativeApp(t)
    for (const [tenantId, kind, subject] of [
      ['tn_a', 'credential.issued', 'a1'],
      ['tn_a', 'credential.denied', 'a2'],
      ['tn_b', 'credential.issued', 'b1'],
      ['tn_a', 'credential.issued', 'a3'],
    ] as const) {
      await services.audit.record({ tenantId, kind, subject })
      clock.advance(1000)
    }
    const subjects = async (query: string) => {
      const body = (await call('GET', `/v1/audit-events?${query}`)).body
      return [body.items.map((e: { subject: string }) => e.subject), body.total]
    }
    assert.deepEqual(await subjects('tenantId=tn_a'), [['a3', 'a2', 'a1'], 3])
    assert.deepEqual(await subjects('kind=credential.issued'), [['a3', 'b1', 'a1'], 3])
    assert.deepEqual(await subjects('tenantId=tn_a&kind=credential.issued'), [['a3', 'a1'], 2])
    assert.deepEqual(await subjects('pageSize=3&page=2'), [['a1'], 4])
  })

  it('filters by subject, outcome and time range, as the console’s audit page asks', async (t) => {
    const { call, services, clock } = await nativeApp(t)
    for (const [subject, reason] of [
      ['v1', 'SIGNATURE_EXPIRED'],
      ['v1', null],
      ['v2', null],
      ['v1', 'TOKEN_EXPIRED'],
    ] as const) {
      await services.audit.record({ tenantId: 'tn_a', kind: 'credential.issued', subject, reason })
      clock.advance(1000)
    }
    const reasons = async (query: string) => {
      const body = (await call('GET', `/v1/audit-events?${query}`)).body
      return [
        body.items.map(
          (e: { subject: string; reason: string | null }) => `${e.subject}:${e.reason}`,
        ),
        body.total,
      ]
    }
    assert.deepEqual(await reasons('subject=v1&outcome=denied'), [
      ['v1:TOKEN_EXPIRED', 'v1:SIGNATURE_EXPIRED'],
      2,
    ])
    assert.deepEqual(await reasons('outcome=allowed'), [['v2:null', 'v1:null'], 2])
    // From inclusive, to exclusive: the events at +1 s and +2 s.
    assert.deepEqual(await reasons('from=2026-01-01T00:00:01.000Z&to=2026-01-01T00:00:03Z'), [
      ['v2:null', 'v1:null'],
      2,
    ])
  })

  it('answers 400 for a bad outcome, a bad date or a range that ends before it starts', async (t) => {
    const { call } = await nativeApp(t)
    assertError(
      await call('GET', '/v1/audit-events?outcome=maybe'),
      400,
      'INVALID_PARAMETER',
      'outcome',
    )
    assertError(
      await call('GET', '/v1/audit-events?from=yesterday'),
      400,
      'INVALID_PARAMETER',
      'from',
    )
    assertError(
      await call('GET', '/v1/audit-events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z'),
      400,
      'INVALID_PARAMETER',
      'to',
    )
  })

  it('answers 400 for an unknown kind or a bad page', async (t) => {
    const { call } = await nativeApp(t)
    assertError(
      await call('GET', '/v1/audit-events?kind=everything'),
      400,
      'INVALID_PARAMETER',
      'kind',
    )
    assertError(await call('GET', '/v1/audit-events?page=-3'), 400, 'INVALID_PARAMETER', 'page')
  })

  it('needs the admin token', async (t) => {
    const { call } = await nativeApp(t)
    const reply = await call('GET', '/v1/audit-events', undefined, { authorization: '' })
    assert.equal(reply.status, 401)
    assert.equal(reply.body.error.code, 'UNAUTHENTICATED')
  })
})
