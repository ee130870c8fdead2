// The upstream client of live streams: a playlist is fetched once for a burst (shared in flight,
// reused for playlistFreshMs, then fetched again) and upstream failures become NOT_FOUND or
// UNAVAILABLE, never a stale or partial answer.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isAppError } from '../../src/core/errors.ts'
import { createUpstream, DEFAULT_UPSTREAM } from '../../src/edge/live-upstream.ts'

function fake(answers: (() => Response)[]) {
  let now = 0
  const calls: string[] = []
  const upstream = createUpstream({
    ...DEFAULT_UPSTREAM,
    now: () => now,
    fetch: (input) => {
      calls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
      const next = answers.shift()
      return next ? Promise.resolve(next()) : Promise.reject(new Error('ECONNREFUSED'))
    },
  })
  return { upstream, calls, advance: (ms: number) => (now += ms) }
}

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  )

describe('live upstream', () => {
  it('shares one fetch for a burst and fetches again once the playlist is no longer fresh', async () => {
    const { upstream, calls, advance } = fake([() => new Response('v1'), () => new Response('v2')])
    const burst = await Promise.all([1, 2, 3].map(() => upstream.playlist('http://o/p.m3u8')))
    assert.deepEqual([burst, calls.length], [['v1', 'v1', 'v1'], 1])
    advance(DEFAULT_UPSTREAM.playlistFreshMs - 1)
    assert.equal(await upstream.playlist('http://o/p.m3u8'), 'v1')
    advance(1)
    assert.equal(await upstream.playlist('http://o/p.m3u8'), 'v2')
  })

  it('turns 404 into NOT_FOUND, other statuses and network errors into UNAVAILABLE', async () => {
    const { upstream } = fake([
      () => new Response('', { status: 404 }),
      () => new Response('', { status: 500 }),
    ])
    assert.equal(await codeOf(upstream.playlist('http://o/a.m3u8')), 'NOT_FOUND')
    assert.equal(await codeOf(upstream.playlist('http://o/b.m3u8')), 'UNAVAILABLE')
    assert.equal(await codeOf(upstream.playlist('http://o/c.m3u8')), 'UNAVAILABLE')
    assert.equal(await codeOf(upstream.segment('http://o/s.ts', undefined, false)), 'UNAVAILABLE')
  })

  it('refuses a playlist larger than the bound', async () => {
    const big = 'x'.repeat(DEFAULT_UPSTREAM.maxPlaylistBytes + 1)
    const { upstream } = fake([() => new Response(big)])
    assert.equal(await codeOf(upstream.playlist('http://o/big.m3u8')), 'UNAVAILABLE')
  })

  it('passes a range on and the partial answer back', async () => {
    const { upstream } = fake([
      () =>
        new Response('ab', {
          status: 206,
          headers: {
            'content-range': 'bytes 0-1/10',
            'content-type': 'video/mp2t',
            'x-other': '1',
          },
        }),
    ])
    const answer = await upstream.segment('http://o/s.ts', 'bytes=0-1', false)
    assert.equal(answer.status, 206)
    assert.deepEqual(answer.headers, {
      'content-range': 'bytes 0-1/10',
      'content-type': 'video/mp2t',
    })
  })
})
