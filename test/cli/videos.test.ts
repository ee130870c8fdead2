// `playgate videos list`: the catalog with probed durations and stream counts, filtered by tenant
// or status.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cliWorld, withFixture } from './cli-harness.ts'

const HEADER =
  'ID                                TENANT     REFERENCE            STATUS    DURATION  STREAMS  TITLE'

describe('playgate videos list', () => {
  it('prints every video with its duration and number of streams', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    assert.deepEqual(await world.run(['videos', 'list']), {
      code: 0,
      stdout: [
        HEADER,
        '1b448be323b452641878b54f21241188  tn_acme    course-101-lesson-2  Normal          6s        1  Course 101, lesson 2',
        '6e7382a9316a0b00694860734ac8938f  tn_globex  weekly-2026-01-05    Normal          6s        2  Weekly sync, 5 January 2026',
        'e92c477adb46eeb7802556c657cc1b8a  tn_acme    course-101-lesson-1  Normal          6s        2  Course 101, lesson 1',
        // Newest first: the trailer keeps the creation time and duration it was migrated with.
        '7098d51530590ed480db53c880c47604  tn_acme    course-101-trailer   Checking     95.5s        1  Course 101 trailer (origin-hosted)',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('filters by tenant and status, and prints JSON with --json', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const checking = await world.run([
      'videos',
      'list',
      '--tenant',
      'tn_acme',
      '--status=Checking',
      '--json',
    ])
    assert.equal(checking.code, 0)
    assert.deepEqual(JSON.parse(checking.stdout), [
      {
        id: '7098d51530590ed480db53c880c47604',
        tenantId: 'tn_acme',
        referenceId: 'course-101-trailer',
        title: 'Course 101 trailer (origin-hosted)',
        status: 'Checking',
        duration: 95.5,
        size: 0,
        streams: 1,
        createdAt: '2025-09-01T08:00:00.000Z',
      },
    ])
    const globex = await world.run(['videos', 'list', '--tenant', 'tn_globex'])
    assert.equal(globex.stdout.split('\n').length, 3)
  })

  it('exits 2 for a status that does not exist', async (t) => {
    const world = cliWorld(t)
    const result = await world.run(['videos', 'list', '--status', 'Done'])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /^error\[USAGE\]: --status must be one of: Uploading, /)
  })
})
