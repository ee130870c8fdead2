// DingTalk conferences use case: create with the initiator as host, cloud recording and closing by
// the host only, recordings and transcripts for the host and participants only, and the distinct
// refusals the dialect turns into unknownUserError, permissionError, resourceClose, paramsError
// and cloudRecordNotFound.
import assert from 'node:assert/strict'
import { describe, it, type TestContext } from 'node:test'
import { isAppError, type ErrorCode } from '../../src/core/errors.ts'
import { findConferenceState } from '../../src/storage/repositories/conference-states.ts'
import {
  findConference,
  upsertConference,
  upsertDingtalkUser,
  upsertRecording,
} from '../../src/storage/repositories/dingtalk.ts'
import { replaceTranscript } from '../../src/storage/repositories/transcripts.ts'
import { buildTestServices } from '../helpers/services.ts'

async function rejectsAs(promise: Promise<unknown>, code: ErrorCode, resource?: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isAppError(error), String(error))
    assert.equal(error.code, code)
    if (resource !== undefined) assert.equal(error.details.resource, resource)
    return true
  })
}

async function world(t: TestContext) {
  const built = await buildTestServices(t)
  const { services, deps } = built
  for (const id of ['tn_a', 'tn_b']) await services.tenants.create({ id, name: id })
  for (const unionId of ['HOST', 'GUEST', 'OTHER'])
    await upsertDingtalkUser(deps.db, { tenantId: 'tn_a', unionId, userId: unionId, name: unionId })
  await upsertDingtalkUser(deps.db, { tenantId: 'tn_b', unionId: 'B', userId: 'b', name: 'b' })
  const video = await services.videos.create({ tenantId: 'tn_a', title: 'rec' })
  await upsertConference(deps.db, {
    id: 'conf_1',
    tenantId: 'tn_a',
    title: 'Weekly',
    hostUnionId: 'HOST',
    participants: ['HOST', 'GUEST'],
    startedAt: new Date('2026-01-01T00:00:00Z'),
    endedAt: null,
  })
  await upsertRecording(deps.db, {
    id: 'rec_1',
    conferenceId: 'conf_1',
    videoId: video.id,
    mediaId: 'media-1',
    regionId: 'cn-shenzhen',
    unionId: 'HOST',
    startedAt: new Date('2026-01-01T00:01:00Z'),
    endedAt: new Date('2026-01-01T00:02:00Z'),
    durationMs: 60_000,
    fileSize: 1_127_942,
  })
  return { ...built, conf: services.dingtalkConferences }
}

describe('dingtalk conferences service', () => {
  it('creates a conference hosted by the initiator, title cut to 50 characters', async (t) => {
    const { conf, deps } = await world(t)
    const title = '会'.repeat(60)
    const { conference, state } = await conf.create('tn_a', {
      unionId: 'HOST',
      title,
      inviteUnionIds: ['GUEST', 'HOST'],
    })
    assert.match(conference.id, /^[0-9a-f]{24}$/)
    assert.equal(conference.title, '会'.repeat(50))
    assert.deepEqual(conference.participants, ['HOST', 'GUEST'])
    assert.match(state.roomCode ?? '', /^[1-9][0-9]{8}$/)
    assert.deepEqual(await findConference(deps.db, conference.id), conference)
    assert.deepEqual(await findConferenceState(deps.db, conference.id), state)
  })

  it('refuses a title over 256 characters, a missing one, and unknown users', async (t) => {
    const { conf } = await world(t)
    await rejectsAs(
      conf.create('tn_a', { unionId: 'HOST', title: 'x'.repeat(257) }),
      'INVALID_PARAMETER',
    )
    await rejectsAs(conf.create('tn_a', { unionId: 'HOST', title: '' }), 'MISSING_PARAMETER')
    await rejectsAs(conf.create('tn_a', { unionId: 'NOBODY', title: 't' }), 'NOT_FOUND', 'user')
    await rejectsAs(conf.create('tn_a', { unionId: 'B', title: 't' }), 'NOT_FOUND', 'user')
    await rejectsAs(
      conf.create('tn_a', { unionId: 'HOST', title: 't', inviteUnionIds: ['NOBODY'] }),
      'NOT_FOUND',
      'user',
    )
  })

  it('lets only the host start, stop and close; a closed conference is CONFLICT', async (t) => {
    const { conf, deps, clock } = await world(t)
    await rejectsAs(
      conf.startRecording('tn_a', 'conf_1', { unionId: 'GUEST' }),
      'FORBIDDEN',
      'conference',
    )
    await conf.startRecording('tn_a', 'conf_1', { unionId: 'HOST', mode: 'speech' })
    await conf.startRecording('tn_a', 'conf_1', { unionId: 'HOST', mode: 'grid' })
    const running = await findConferenceState(deps.db, 'conf_1')
    assert.equal(running?.recording?.mode, 'speech')
    assert.equal(running?.recording?.startedAt.getTime(), clock.now())
    await conf.stopRecording('tn_a', 'conf_1', 'HOST')
    await conf.stopRecording('tn_a', 'conf_1', 'HOST')
    assert.equal((await findConferenceState(deps.db, 'conf_1'))?.recording, null)
    await rejectsAs(conf.close('tn_a', 'conf_1', 'GUEST'), 'FORBIDDEN', 'conference')
    await conf.startRecording('tn_a', 'conf_1', { unionId: 'HOST' })
    await conf.close('tn_a', 'conf_1', 'HOST')
    assert.equal((await findConference(deps.db, 'conf_1'))?.endedAt?.getTime(), clock.now())
    assert.equal((await findConferenceState(deps.db, 'conf_1'))?.recording, null)
    await rejectsAs(conf.close('tn_a', 'conf_1', 'HOST'), 'CONFLICT', 'conference')
    await rejectsAs(conf.startRecording('tn_a', 'conf_1', { unionId: 'HOST' }), 'CONFLICT')
    await rejectsAs(conf.stopRecording('tn_a', 'conf_1', 'HOST'), 'CONFLICT')
  })

  it('shows recordings to the host and participants only', async (t) => {
    const { conf } = await world(t)
    assert.deepEqual(
      (await conf.recordings('tn_a', 'conf_1', 'HOST')).map((r) => r.id),
      ['rec_1'],
    )
    assert.deepEqual(
      (await conf.recordings('tn_a', 'conf_1', 'GUEST')).map((r) => r.id),
      ['rec_1'],
    )
    await rejectsAs(conf.recordings('tn_a', 'conf_1', 'OTHER'), 'FORBIDDEN', 'conference')
    await rejectsAs(conf.recordings('tn_a', 'conf_1', 'NOBODY'), 'NOT_FOUND', 'user')
    await rejectsAs(conf.recordings('tn_a', 'conf_1', ''), 'MISSING_PARAMETER')
    // Another org's conference and an unknown one look alike.
    await rejectsAs(conf.recordings('tn_b', 'conf_1', 'B'), 'FORBIDDEN', 'conference')
    await rejectsAs(conf.recordings('tn_a', 'conf_nope', 'HOST'), 'FORBIDDEN', 'conference')
  })

  it('finds a recording by mediaId and regionId', async (t) => {
    const { conf } = await world(t)
    const q = { unionId: 'GUEST', mediaId: 'media-1', regionId: 'cn-shenzhen' }
    assert.equal((await conf.recording('tn_a', 'conf_1', q)).id, 'rec_1')
    await rejectsAs(
      conf.recording('tn_a', 'conf_1', { ...q, mediaId: 'nope' }),
      'NOT_FOUND',
      'recording',
    )
    await rejectsAs(
      conf.recording('tn_a', 'conf_1', { ...q, regionId: 'cn-beijing' }),
      'NOT_FOUND',
      'recording',
    )
    await rejectsAs(conf.recording('tn_a', 'conf_1', { ...q, mediaId: '' }), 'MISSING_PARAMETER')
    await rejectsAs(conf.recording('tn_a', 'conf_1', { ...q, regionId: '' }), 'MISSING_PARAMETER')
    await rejectsAs(conf.recording('tn_a', 'conf_1', { ...q, unionId: 'OTHER' }), 'FORBIDDEN')
  })

  it('pages a transcript with nextToken, both directions, and checks its parameters', async (t) => {
    const { conf, deps } = await world(t)
    const paragraph = (i: number) => ({
      recordId: 7,
      unionId: 'HOST',
      nickName: 'Host',
      paragraph: `p${i}`,
      startTime: i * 1000,
      endTime: i * 1000 + 500,
      status: 1,
      sentenceList: [],
    })
    await replaceTranscript(deps.db, 'conf_1', [0, 1, 2, 3, 4].map(paragraph))
    const first = await conf.texts('tn_a', 'conf_1', { unionId: 'GUEST', maxResults: 2 })
    assert.deepEqual(
      [first.paragraphs.map((p) => p.paragraph), first.hasMore],
      [['p0', 'p1'], true],
    )
    const last = first.paragraphs.at(-1)!.seq
    const next = await conf.texts('tn_a', 'conf_1', {
      unionId: 'GUEST',
      maxResults: 10,
      nextToken: last,
    })
    assert.deepEqual(
      [next.paragraphs.map((p) => p.paragraph), next.hasMore],
      [['p2', 'p3', 'p4'], false],
    )
    const back = await conf.texts('tn_a', 'conf_1', {
      unionId: 'HOST',
      direction: '1',
      maxResults: 2,
    })
    assert.deepEqual(
      back.paragraphs.map((p) => p.paragraph),
      ['p4', 'p3'],
    )
    const bad: [Record<string, unknown>, ErrorCode][] = [
      [{ direction: '2' }, 'INVALID_PARAMETER'],
      [{ maxResults: 0 }, 'INVALID_PARAMETER'],
      [{ maxResults: 2001 }, 'INVALID_PARAMETER'],
      [{ startTime: -1 }, 'INVALID_PARAMETER'],
      [{ nextToken: 1.5 }, 'INVALID_PARAMETER'],
      [{ unionId: '' }, 'MISSING_PARAMETER'],
      [{ unionId: 'OTHER' }, 'FORBIDDEN'],
    ]
    for (const [q, code] of bad)
      await rejectsAs(conf.texts('tn_a', 'conf_1', { unionId: 'HOST', ...q }), code)
  })
})
