// The edge's media cache: paths and metadata trusted for `freshMs`, small files held within a
// byte budget (oldest first out), large ones never held, changes seen once the entry is stale.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { createMediaCache } from '../../src/edge/media-cache.ts'

const LIMITS = { freshMs: 1000, maxFileBytes: 100, maxTotalBytes: 250, maxEntries: 10 }

function world(t: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'playgate-media-cache-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  let now = 0
  const resolved: string[] = []
  const cache = createMediaCache(
    (relative) => {
      resolved.push(relative)
      return Promise.resolve(join(dir, relative))
    },
    LIMITS,
    () => now,
  )
  return {
    dir,
    cache,
    resolved,
    advance: (ms: number) => (now += ms),
    write: (name: string, bytes: number, mtime = 1_700_000_000) => {
      writeFileSync(join(dir, name), Buffer.alloc(bytes, name[0]))
      utimesSync(join(dir, name), mtime, mtime)
    },
  }
}

describe('media cache', () => {
  it('holds small files and only the metadata of large ones', async (t) => {
    const w = world(t)
    w.write('a.ts', 80)
    w.write('big.mp4', 101)
    const small = await w.cache.file(join(w.dir, 'a.ts'))
    assert.equal(small.body?.length, 80)
    const big = await w.cache.file(join(w.dir, 'big.mp4'))
    assert.equal(big.body, undefined)
    assert.equal(big.size, 101)
    assert.equal(w.cache.heldBytes(), 80)
  })

  it('keeps within the byte budget by dropping the oldest file', async (t) => {
    const w = world(t)
    for (const name of ['a.ts', 'b.ts', 'c.ts', 'd.ts']) {
      w.write(name, 100)
      await w.cache.file(join(w.dir, name))
    }
    assert.equal(w.cache.heldBytes(), 200)
  })

  it('remembers a path for freshMs, then asks the resolver again', async (t) => {
    const w = world(t)
    w.write('a.ts', 10)
    await w.cache.locate('a.ts')
    await w.cache.locate('a.ts')
    assert.deepEqual(w.resolved, ['a.ts'])
    w.advance(1000)
    await w.cache.locate('a.ts')
    assert.deepEqual(w.resolved, ['a.ts', 'a.ts'])
  })

  it('sees a changed file once its entry is stale, and answers from memory before', async (t) => {
    const w = world(t)
    w.write('a.ts', 10)
    await w.cache.locate('a.ts')
    const first = await w.cache.file(join(w.dir, 'a.ts'))
    w.write('a.ts', 20, 1_700_000_100)
    assert.equal(w.cache.cached('a.ts'), first, 'fresh: no file system access')
    w.advance(1500)
    assert.equal(w.cache.cached('a.ts'), undefined)
    const second = await w.cache.file(join(w.dir, 'a.ts'))
    assert.equal(second.size, 20)
    assert.equal(second.mtimeMs, 1_700_000_100_000)
  })

  it('works out the header values once per version of the file', async (t) => {
    const w = world(t)
    w.write('a.ts', 10)
    const first = await w.cache.file(join(w.dir, 'a.ts'))
    // nginx's ETag format, "<mtime s hex>-<size hex>" (serve-file.ts etagOf).
    assert.deepEqual(first.headers, {
      etag: '"6553f100-a"',
      lastModified: 'Tue, 14 Nov 2023 22:13:20 GMT',
      contentType: 'video/mp2t',
    })
    w.advance(1500)
    assert.equal(await w.cache.file(join(w.dir, 'a.ts')), first, 'unchanged: same object')
    w.write('a.ts', 20, 1_700_000_100)
    w.advance(1500)
    const second = await w.cache.file(join(w.dir, 'a.ts'))
    assert.deepEqual(second.headers, {
      etag: '"6553f164-14"',
      lastModified: 'Tue, 14 Nov 2023 22:15:00 GMT',
      contentType: 'video/mp2t',
    })
  })

  it('answers NOT_FOUND for a missing file or a folder', async (t) => {
    const w = world(t)
    await assert.rejects(w.cache.file(join(w.dir, 'missing.ts')), { code: 'NOT_FOUND' })
    await assert.rejects(w.cache.file(w.dir), { code: 'NOT_FOUND' })
  })
})
