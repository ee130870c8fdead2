// Path confinement under the media root, on a real temporary directory tree with symlinks.
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { joinUnderRoot, resolveUnderRoot } from '../../../src/platform/node/media-path.ts'

/** root/ holds v1/a.ts and links; outside/secret.txt sits next to it. */
async function world(t: TestContext) {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'playgate-media-path-')))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const root = path.join(dir, 'root')
  await mkdir(path.join(root, 'v1'), { recursive: true })
  await mkdir(path.join(dir, 'outside'))
  await writeFile(path.join(root, 'v1', 'a.ts'), 'a')
  await writeFile(path.join(dir, 'outside', 'secret.txt'), 's')
  await writeFile(path.join(dir, 'root-sibling.txt'), 'x')
  await symlink(path.join(dir, 'outside', 'secret.txt'), path.join(root, 'v1', 'leak.ts'))
  await symlink(path.join(dir, 'outside'), path.join(root, 'outdir'))
  await symlink('a.ts', path.join(root, 'v1', 'alias.ts'))
  await symlink(path.join(root, 'v1'), path.join(root, 'v1-link'))
  return { dir, root }
}

describe('joinUnderRoot', () => {
  it('joins relative paths, including ones that step back but stay inside', () => {
    assert.deepEqual(joinUnderRoot('/srv/media', 'demo/hls/index.m3u8'), {
      ok: true,
      value: '/srv/media/demo/hls/index.m3u8',
    })
    assert.deepEqual(joinUnderRoot('/srv/media/', 'demo/720/../shared/a.ts'), {
      ok: true,
      value: '/srv/media/demo/shared/a.ts',
    })
    assert.deepEqual(joinUnderRoot('/srv/media', '..hidden/a.ts'), {
      ok: true,
      value: '/srv/media/..hidden/a.ts',
    })
  })

  it('refuses escapes, absolute paths, the root itself, NUL bytes and backslashes', () => {
    for (const bad of [
      '../etc/passwd',
      'demo/../../etc/passwd',
      '..',
      '/etc/passwd',
      '.',
      'demo/..',
      'a\0.ts',
      '..\\..\\etc\\passwd',
      '',
    ]) {
      const v = joinUnderRoot('/srv/media', bad)
      assert.equal(v.ok, false, JSON.stringify(bad))
      assert.equal(v.ok ? '' : v.code, 'INVALID_PARAMETER')
    }
  })
})

describe('resolveUnderRoot', () => {
  it('returns the real path of a file under the root', async (t) => {
    const { root } = await world(t)
    assert.deepEqual(await resolveUnderRoot(root, 'v1/a.ts'), {
      ok: true,
      value: path.join(root, 'v1', 'a.ts'),
    })
  })

  it('follows symlinks that stay inside the root', async (t) => {
    const { root } = await world(t)
    const want = { ok: true, value: path.join(root, 'v1', 'a.ts') }
    assert.deepEqual(await resolveUnderRoot(root, 'v1/alias.ts'), want)
    assert.deepEqual(await resolveUnderRoot(root, 'v1-link/a.ts'), want)
  })

  it('refuses a file symlink and a directory symlink that lead outside the root', async (t) => {
    const { root } = await world(t)
    for (const rel of ['v1/leak.ts', 'outdir/secret.txt']) {
      const v = await resolveUnderRoot(root, rel)
      assert.equal(v.ok, false)
      assert.equal(v.ok ? '' : v.code, 'INVALID_PARAMETER')
      assert.match(v.ok ? '' : v.reason, /leaves the media root via a symlink/)
    }
  })

  it('refuses lexical escapes before touching the disk, even to files that exist', async (t) => {
    const { root, dir } = await world(t)
    for (const rel of ['../root-sibling.txt', path.join(dir, 'root-sibling.txt')]) {
      const v = await resolveUnderRoot(root, rel)
      assert.equal(v.ok ? '' : v.code, 'INVALID_PARAMETER')
    }
  })

  it('answers NOT_FOUND for a missing file and UNAVAILABLE for a missing root', async (t) => {
    const { root, dir } = await world(t)
    const missing = await resolveUnderRoot(root, 'v1/nope.ts')
    assert.equal(missing.ok ? '' : missing.code, 'NOT_FOUND')
    const notDir = await resolveUnderRoot(root, 'v1/a.ts/x')
    assert.equal(notDir.ok ? '' : notDir.code, 'NOT_FOUND')
    const noRoot = await resolveUnderRoot(path.join(dir, 'gone'), 'a.ts')
    assert.equal(noRoot.ok ? '' : noRoot.code, 'UNAVAILABLE')
  })

  it('refuses a symlink loop with INVALID_PARAMETER', async (t) => {
    const { root } = await world(t)
    await symlink('loop-b', path.join(root, 'loop-a'))
    await symlink('loop-a', path.join(root, 'loop-b'))
    const v = await resolveUnderRoot(root, 'loop-a')
    assert.equal(v.ok ? '' : v.code, 'INVALID_PARAMETER')
  })
})
