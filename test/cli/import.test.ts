// `playgate import FILE`: the summary table, a second run that changes nothing, every problem on
// stderr with exit 1 and nothing written, --check, --json, and progress for large files.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { cliWorld, FIXTURE } from './cli-harness.ts'

const TABLE = (c: string, u: string, n: string) =>
  [
    'KIND            CREATED  UPDATED  UNCHANGED',
    ...[
      ['tenants', 2],
      ['accounts', 2],
      ['accessKeys', 5],
      ['playDomains', 4],
      ['videos', 4],
      ['aliases', 3],
      ['streams', 6],
      ['passwords', 3],
      ['dingtalkOrgs', 1],
      ['dingtalkApps', 1],
      ['dingtalkUsers', 2],
      ['conferences', 1],
      ['recordings', 2],
      ['transcripts', 1],
      ['viewerPolicies', 2],
      ['revocations', 2],
      ['liveStreams', 2],
      ['playsafe', 1],
    ].map(([kind, count]) => {
      const cell = (which: string) => String(which === 'x' ? count : 0)
      return `${String(kind).padEnd(14)}  ${cell(c).padStart(7)}  ${cell(u).padStart(7)}  ${cell(n).padStart(9)}`
    }),
  ].join('\n')

/** A tenant with `n` videos, one MP4 stream each: n media checks, 1 + 2n records. */
function manyVideos(n: number): string {
  const videos = Array.from({ length: n }, (_, i) => ({
    referenceId: `v${i}`,
    title: `Video ${i}`,
    streams: [{ location: 'demo/mp4/demo.mp4' }],
  }))
  return JSON.stringify({ tenants: [{ id: 'tn_many', name: 'Many', videos }] })
}

describe('playgate import', () => {
  it('imports the example fixture and prints what it created', async (t) => {
    const { run } = cliWorld(t)
    assert.deepEqual(await run(['import', FIXTURE]), {
      code: 0,
      stdout: `${TABLE('x', '', '')}\nimported ${FIXTURE}: 44 created, 0 updated, 0 unchanged\n`,
      stderr: '',
    })
  })

  it('changes nothing when run again', async (t) => {
    const { run } = cliWorld(t)
    await run(['import', FIXTURE])
    assert.deepEqual(await run(['import', FIXTURE]), {
      code: 0,
      stdout: `${TABLE('', '', 'x')}\nimported ${FIXTURE}: 0 created, 0 updated, 44 unchanged\n`,
      stderr: '',
    })
  })

  it('lists every problem with its path, exits 1, and writes nothing', async (t) => {
    const { run, dataDir } = cliWorld(t)
    const file = join(dataDir, 'bad.yaml')
    writeFileSync(
      file,
      [
        'tenants:',
        '  - id: tn_a',
        '    name: ""',
        '    playDomains:',
        '      - { host: a.test, scheme: aliyun-x }',
        '    videos:',
        '      - title: no id',
        '        streams: [{ location: ../../etc/passwd }]',
      ].join('\n'),
    )
    assert.deepEqual(await run(['import', file]), {
      code: 1,
      stdout: '',
      stderr: [
        `error[INVALID_PARAMETER]: ${file} has 4 problems; nothing was imported`,
        '  tenants[0].name: must not be empty',
        '  tenants[0].playDomains[0].scheme: must be one of: aliyun-a, aliyun-b, aliyun-c, aliyun-f, tencent-live, tencent-cdn-a, tencent-cdn-b, tencent-cdn-c, tencent-cdn-d, tencent-vod-key, nginx-secure-link, native',
        '  tenants[0].videos[0]: needs an id or a referenceId, so that importing it again updates it',
        '  tenants[0].videos[0].streams[0].location: must be a path under the media root',
        '',
      ].join('\n'),
    })
    assert.equal((await run(['tenants', 'list'])).stdout, 'ID  NAME  STATUS  CREATED\n')
  })

  it('reports a syntax error with its line, and prints problems as JSON with --json', async (t) => {
    const { run, dataDir } = cliWorld(t)
    const file = join(dataDir, 'broken.json')
    writeFileSync(file, '{"tenants": [}')
    const result = await run(['import', file, '--json'])
    assert.equal(result.code, 1)
    const { problems } = JSON.parse(result.stdout) as {
      problems: { path: string; message: string }[]
    }
    assert.equal(problems.length, 1)
    assert.match(problems[0]!.message, /^not valid JSON: /)
    assert.equal(
      result.stderr,
      `error[INVALID_PARAMETER]: ${file} has 1 problem; nothing was imported\n  ${problems[0]!.message}\n`,
    )
  })

  it('checks without writing when given --check', async (t) => {
    const { run } = cliWorld(t)
    assert.deepEqual(await run(['import', FIXTURE, '--check']), {
      code: 0,
      stdout: `${FIXTURE}: no problems\n`,
      stderr: '',
    })
    assert.equal((await run(['tenants', 'list'])).stdout, 'ID  NAME  STATUS  CREATED\n')
  })

  it('prints the summary as JSON with --json', async (t) => {
    const { run } = cliWorld(t)
    const result = await run(['import', FIXTURE, '--json'])
    assert.equal(result.code, 0)
    const { summary } = JSON.parse(result.stdout) as { summary: Record<string, unknown> }
    assert.deepEqual(summary.videos, { created: 4, updated: 0, unchanged: 0 })
    assert.deepEqual(summary.recordings, { created: 2, updated: 0, unchanged: 0 })
  })

  it('exits 1 for a file it cannot read and 2 without a file', async (t) => {
    const { run, dataDir } = cliWorld(t)
    const missing = join(dataDir, 'missing.yaml')
    assert.deepEqual(await run(['import', missing]), {
      code: 1,
      stdout: '',
      stderr: `error[NOT_FOUND]: cannot read ${missing} (ENOENT)\n`,
    })
    assert.deepEqual(await run(['import']), {
      code: 2,
      stdout: '',
      stderr: 'error[USAGE]: missing FILE\nrun "playgate help import" for usage\n',
    })
    assert.deepEqual(await run(['import', 'x.yaml', '--jobs', '0']), {
      code: 2,
      stdout: '',
      stderr:
        'error[USAGE]: --jobs must be a whole number from 1 to 64, not 0\n' +
        'run "playgate help import" for usage\n',
    })
  })

  it('shows progress as plain lines when stderr is not a terminal', async (t) => {
    const { run, dataDir } = cliWorld(t)
    const file = join(dataDir, 'many.json')
    writeFileSync(file, manyVideos(24))
    const result = await run(['import', file])
    assert.equal(result.code, 0)
    assert.equal(result.stderr, [0, 6, 12, 18, 24].map((n) => `checking media: ${n}/24\n`).join(''))
  })

  it('draws a progress bar when stderr is a terminal', async (t) => {
    const { run, dataDir } = cliWorld(t)
    const file = join(dataDir, 'many.json')
    writeFileSync(file, manyVideos(24))
    const { code, stderr } = await run(['import', file], { tty: true })
    assert.equal(code, 0)
    const frames = stderr.split('\r').slice(1)
    assert.equal(frames.length, 25)
    assert.equal(frames[0], `checking media [${'-'.repeat(30)}] 0/24`)
    assert.equal(frames[12], `checking media [${'#'.repeat(15)}${'-'.repeat(15)}] 12/24`)
    assert.equal(frames[24], `checking media [${'#'.repeat(30)}] 24/24\n`)
  })
})
