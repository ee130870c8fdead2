// Native API, /v1/videos: create, read, list with filters and pages, update, delete, and the
// 4xx answers for unknown tenants, duplicates and malformed fields.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, nativeApp, NOW } from './native-app.ts'

describe('native API: videos', () => {
  it('creates a video: 201 with the full record and a 32-hex id', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const reply = await call('POST', '/v1/videos', {
      tenantId,
      title: 'Lesson 1',
      description: 'Intro',
      tags: ['course', 'intro'],
      coverUrl: 'https://img.example.com/1.jpg',
      referenceId: 'lesson-1',
      settings: { qid: 'form-7' },
    })
    assert.equal(reply.status, 201)
    assert.match(reply.body.id, /^[0-9a-f]{32}$/)
    assert.deepEqual(reply.body, {
      id: reply.body.id,
      tenantId,
      referenceId: 'lesson-1',
      title: 'Lesson 1',
      description: 'Intro',
      tags: ['course', 'intro'],
      coverUrl: 'https://img.example.com/1.jpg',
      duration: 0,
      size: 0,
      status: 'Normal',
      auditStatus: 'Normal',
      settings: { qid: 'form-7' },
      playDomain: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    assert.deepEqual((await call('GET', `/v1/videos/${reply.body.id}`)).body, reply.body)
  })

  it('creates a video with its own id and status', async (t) => {
    const { tenant, video } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const id = '0123456789abcdef0123456789abcdef'
    const body = await video(tenantId, { id, status: 'Uploading' })
    assert.equal(body.id, id)
    assert.equal(body.status, 'Uploading')
  })

  it('lists videos newest first, filtered by tenant and status, a page at a time', async (t) => {
    const { call, tenant, video, clock } = await nativeApp(t)
    const a = await tenant({ name: 'A' })
    const b = await tenant({ name: 'B' })
    const titles: Record<string, string> = {}
    for (const [tenantId, title, status] of [
      [a.id, 'a1', 'Normal'],
      [a.id, 'a2', 'Blocked'],
      [a.id, 'a3', 'Normal'],
      [b.id, 'b1', 'Normal'],
    ]) {
      const v = await video(tenantId, { title, status })
      titles[v.id] = title!
      clock.advance(1000)
    }
    const names = (body: { items: { id: string }[] }) => body.items.map((v) => titles[v.id])
    const all = await call('GET', '/v1/videos')
    assert.deepEqual([names(all.body), all.body.total], [['b1', 'a3', 'a2', 'a1'], 4])
    const ofA = await call('GET', `/v1/videos?tenantId=${a.id}&pageSize=2`)
    assert.deepEqual([names(ofA.body), ofA.body.total, ofA.body.pageSize], [['a3', 'a2'], 3, 2])
    const next = await call('GET', `/v1/videos?tenantId=${a.id}&pageSize=2&page=2`)
    assert.deepEqual([names(next.body), next.body.page], [['a1'], 2])
    const normal = await call('GET', `/v1/videos?tenantId=${a.id}&status=Normal`)
    assert.deepEqual(names(normal.body), ['a3', 'a1'])
    const none = await call('GET', '/v1/videos?tenantId=tn_nobody')
    assert.deepEqual(none.body, { items: [], total: 0, page: 1, pageSize: 20 })
  })

  it('updates metadata and status, stamping updatedAt', async (t) => {
    const { call, tenant, video, clock } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const v = await video(tenantId, { coverUrl: 'https://img.example.com/old.jpg' })
    clock.advance(60_000)
    const reply = await call('PATCH', `/v1/videos/${v.id}`, {
      title: 'Lesson 1 (new)',
      tags: ['x'],
      coverUrl: null,
      status: 'Blocked',
      auditStatus: 'Blocked',
    })
    assert.equal(reply.status, 200)
    assert.deepEqual(reply.body, {
      ...v,
      title: 'Lesson 1 (new)',
      tags: ['x'],
      coverUrl: null,
      status: 'Blocked',
      auditStatus: 'Blocked',
      updatedAt: '2026-01-01T00:01:00.000Z',
    })
  })

  it('deletes a video with 204; it is gone afterwards', async (t) => {
    const { call, tenant, video } = await nativeApp(t)
    const v = await video((await tenant()).id)
    const reply = await call('DELETE', `/v1/videos/${v.id}`)
    assert.equal(reply.status, 204)
    assert.equal(reply.text, '')
    assertNotFound(await call('GET', `/v1/videos/${v.id}`), `video "${v.id}" not found`)
    assertNotFound(await call('DELETE', `/v1/videos/${v.id}`), `video "${v.id}" not found`)
  })

  it('answers 404 for an unknown video and for an unknown tenant on create', async (t) => {
    const { call } = await nativeApp(t)
    const missing = '/v1/videos/ffffffffffffffffffffffffffffffff'
    const unknown = 'video "ffffffffffffffffffffffffffffffff" not found'
    assertNotFound(await call('GET', missing), unknown)
    assertNotFound(await call('PATCH', missing, { title: 'x' }), unknown)
    // The tenant is the body's tenantId: the answer names it, as other parameter errors do.
    const reply = await call('POST', '/v1/videos', { tenantId: 'tn_missing', title: 'x' })
    assert.deepEqual(
      { status: reply.status, body: reply.body },
      {
        status: 404,
        body: {
          error: {
            code: 'NOT_FOUND',
            message: 'tenant "tn_missing" not found',
            requestId: reply.requestId,
            parameter: 'tenantId',
          },
        },
      },
    )
  })

  it('answers 409 CONFLICT for a taken id or a reference id the tenant already uses', async (t) => {
    const { call, tenant, video } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const first = await video(tenantId, { referenceId: 'ref-1' })
    const again = (body: Record<string, unknown>) =>
      call('POST', '/v1/videos', { tenantId, title: 'x', ...body })
    assertError(
      await again({ id: first.id }),
      409,
      'CONFLICT',
      undefined,
      `video ${first.id} already exists`,
    )
    assertError(
      await again({ referenceId: 'ref-1' }),
      409,
      'CONFLICT',
      undefined,
      'video with ReferenceId ref-1 already exists',
    )
    const second = await video(tenantId, { referenceId: 'ref-2' })
    assertError(
      await call('PATCH', `/v1/videos/${second.id}`, { referenceId: 'ref-1' }),
      409,
      'CONFLICT',
      undefined,
      'video with ReferenceId ref-1 already exists',
    )
  })

  it("holds Aliyun VOD's field limits: at the limit created, one over refused", async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`)
    const atLimit = {
      tenantId,
      title: 'x'.repeat(128),
      // 3 bytes of UTF-8 each: 341 of them are 1023 bytes.
      description: '视'.repeat(341),
      tags: [...tags(15), 'y'.repeat(32)],
    }
    const created = await call('POST', '/v1/videos', atLimit)
    assert.equal(created.status, 201)
    assert.deepEqual(
      { title: created.body.title, tags: created.body.tags },
      { title: atLimit.title, tags: atLimit.tags },
    )
    // The schema bounds characters, the service UTF-8 bytes: both answer the same shape.
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'x'.repeat(129) }, 'title'],
      [{ title: '视'.repeat(43) }, 'title'],
      [{ description: '视'.repeat(342) }, 'description'],
      [{ tags: tags(17) }, 'tags'],
      [{ tags: ['ok', '标'.repeat(11)] }, 'tags.1'],
      [{ tags: ['a,b'] }, 'tags.0'],
    ]
    for (const [body, parameter] of cases) {
      assertError(
        await call('POST', '/v1/videos', { tenantId, title: 'x', ...body }),
        400,
        'INVALID_PARAMETER',
        parameter,
      )
      assertError(
        await call('PATCH', `/v1/videos/${created.body.id}`, body),
        400,
        'INVALID_PARAMETER',
        parameter,
      )
    }
  })

  it('answers 400 naming the field for malformed input', async (t) => {
    const { call, tenant } = await nativeApp(t)
    const { id: tenantId } = await tenant()
    assertError(await call('POST', '/v1/videos', { tenantId }), 400, 'MISSING_PARAMETER', 'title')
    assertError(
      await call('POST', '/v1/videos', { title: 'x' }),
      400,
      'MISSING_PARAMETER',
      'tenantId',
    )
    const cases: [Record<string, unknown>, string][] = [
      [{ id: 'not-hex' }, 'id'],
      [{ id: 'ABCDEF0123456789ABCDEF0123456789' }, 'id'],
      [{ status: 'Deleted' }, 'status'],
      [{ tags: 'a,b' }, 'tags'],
      [{ tags: ['ok', ''] }, 'tags.1'],
      [{ tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }, 'tags'],
      [{ coverUrl: 'javascript:alert(1)' }, 'coverUrl'],
      [{ settings: { qid: 7 } }, 'settings.qid'],
      [{ duration: -1 }, 'duration'],
      [{ playDomain: '' }, 'playDomain'],
      [{ createdAt: 'yesterday' }, 'createdAt'],
      [{ title: 'x', description: 'a\u0000b' }, 'description'],
    ]
    for (const [body, parameter] of cases)
      assertError(
        await call('POST', '/v1/videos', { tenantId, title: 'x', ...body }),
        400,
        'INVALID_PARAMETER',
        parameter,
      )
    for (const [query, parameter] of [
      ['status=Gone', 'status'],
      ['tenantId=', 'tenantId'],
      ['pageSize=1000', 'pageSize'],
    ])
      assertError(await call('GET', `/v1/videos?${query}`), 400, 'INVALID_PARAMETER', parameter)
  })
})
