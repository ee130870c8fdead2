// The official SDK @alicloud/dingtalk 2.2.27 (oauth2_1_0, conference_1_0) against a listening
// PlayGate, configured only with `endpoint` and `protocol` (dingtalk.md §5): every call succeeds
// with the exact field names and JSON types the SDK maps, and the play URLs play at the edge.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  APP_KEY,
  APP_SECRET,
  CONF_ID,
  MEDIA_ID,
  REGION,
  TENANT_ID,
  VIDEO_ID,
  conference,
  dingtalkWorld,
  oauth,
  Util,
  withToken,
} from './world.ts'

const runtime = () => new Util.RuntimeOptions({})

describe('@alicloud/dingtalk against PlayGate', () => {
  it('gets an access token, the same one again while valid, and shares it with /gettoken', async (t) => {
    const world = await dingtalkWorld(t)
    const client = new oauth.default(world.config())
    const request = new oauth.GetAccessTokenRequest({ appKey: APP_KEY, appSecret: APP_SECRET })
    const first = await client.getAccessToken(request)
    assert.equal(first.statusCode, 200)
    assert.match(first.body.accessToken, /^[0-9a-f]{32}$/)
    assert.equal(first.body.expireIn, 7200)
    assert.match(first.headers['x-acs-request-id'], /^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/)
    world.clock.advance(3600_000)
    const again = await client.getAccessToken(request)
    assert.equal(again.body.accessToken, first.body.accessToken)
    const legacy = await fetch(
      `${world.base}/gettoken?appkey=${APP_KEY}&appsecret=${encodeURIComponent(APP_SECRET)}`,
    )
    assert.equal(legacy.status, 200)
    assert.deepEqual(await legacy.json(), {
      errcode: 0,
      access_token: first.body.accessToken,
      errmsg: 'ok',
      expires_in: 7200,
    })
  })

  it('lists recordings with getVideos: numbers for times and sizes, recordId a string', async (t) => {
    const world = await dingtalkWorld(t)
    const client = new conference.default(world.config())
    const res = await client.queryCloudRecordVideoWithOptions(
      CONF_ID,
      new conference.QueryCloudRecordVideoRequest({ unionId: 'GUEST' }),
      withToken(conference.QueryCloudRecordVideoHeaders, await world.token()),
      runtime(),
    )
    assert.deepEqual(JSON.parse(JSON.stringify(res.body)), {
      videoList: [
        {
          duration: 59886,
          endTime: 1_767_600_066_000,
          fileSize: 1127942,
          mediaId: MEDIA_ID,
          recordId: 'rec_1',
          recordType: 0,
          regionId: REGION,
          startTime: 1_767_600_060_000,
          unionId: 'HOST',
        },
      ],
    })
  })

  it('answers getPlayInfos with fileSize, duration in ms and signed URLs', async (t) => {
    const world = await dingtalkWorld(t)
    const client = new conference.default(world.config())
    const res = await client.queryCloudRecordVideoPlayInfoWithOptions(
      CONF_ID,
      new conference.QueryCloudRecordVideoPlayInfoRequest({
        mediaId: MEDIA_ID,
        regionId: REGION,
        unionId: 'HOST',
      }),
      withToken(conference.QueryCloudRecordVideoPlayInfoHeaders, await world.token()),
      runtime(),
    )
    const body = res.body
    assert.equal(body.fileSize, 1127942)
    assert.equal(body.duration, 59886)
    assert.equal(body.status, 1)
    assert.match(
      body.playUrl,
      /^http:\/\/127\.0\.0\.1:\d+\/play\/mcs\.playgate\.test\/.+\.m3u8\?auth_key=/,
    )
    assert.match(body.mp4FileUrl, /\/demo\.mp4\?auth_key=/)
    // Through the one playback service: the issue is audited like every dialect's.
    const events = await world.services.audit.list({
      tenantId: TENANT_ID,
      kind: 'credential.issued',
    })
    assert.equal(events.items.length, 1)
    assert.equal(events.items[0]!.subject, VIDEO_ID)
    assert.equal(events.items[0]!.detail.dialect, 'dingtalk')
    assert.equal(events.items[0]!.detail.appKey, APP_KEY)
    assert.equal(events.items[0]!.detail.conferenceId, CONF_ID)
  })

  it('pages getTexts with nextTtoken', async (t) => {
    const world = await dingtalkWorld(t)
    const client = new conference.default(world.config())
    const headers = withToken(conference.QueryCloudRecordTextHeaders, await world.token())
    const page = (q: Record<string, unknown>) =>
      client.queryCloudRecordTextWithOptions(
        CONF_ID,
        new conference.QueryCloudRecordTextRequest({ unionId: 'GUEST', ...q }),
        headers,
        runtime(),
      )
    const first = await page({ direction: '0', maxResults: 1, nextToken: 0, startTime: 0 })
    assert.equal(first.body.hasMore, true)
    const [p] = first.body.paragraphList
    assert.deepEqual(JSON.parse(JSON.stringify(p)), {
      endTime: 900,
      nextTtoken: 1,
      nickName: 'Host',
      paragraph: 'Hello',
      recordId: 17,
      sentenceList: [
        {
          endTime: 900,
          sentence: 'Hello',
          startTime: 0,
          unionId: 'HOST',
          wordList: [{ endTime: 900, startTime: 0, word: 'Hello', wordId: '1' }],
        },
      ],
      startTime: 0,
      status: 1,
      unionId: 'HOST',
    })
    const second = await page({ maxResults: 20, nextToken: p.nextTtoken })
    assert.equal(second.body.hasMore, false)
    assert.deepEqual(
      second.body.paragraphList.map((x: { paragraph: string }) => x.paragraph),
      ['Hi'],
    )
  })

  it('creates a conference, starts and stops its cloud recording, and closes it', async (t) => {
    const world = await dingtalkWorld(t)
    const client = new conference.default(world.config())
    const token = await world.token()
    const created = await client.createVideoConferenceWithOptions(
      new conference.CreateVideoConferenceRequest({
        userId: 'HOST',
        confTitle: 'Standup',
        inviteUserIds: ['GUEST'],
        inviteCaller: false,
      }),
      withToken(conference.CreateVideoConferenceHeaders, token),
      runtime(),
    )
    const id = created.body.conferenceId as string
    assert.match(id, /^[0-9a-f]{24}$/)
    assert.match(created.body.roomCode, /^\d{9}$/)
    const start = await client.startCloudRecordWithOptions(
      id,
      new conference.StartCloudRecordRequest({ unionId: 'HOST', mode: 'speech' }),
      withToken(conference.StartCloudRecordHeaders, token),
      runtime(),
    )
    assert.equal(start.body.code, '0')
    const stop = await client.stopCloudRecordWithOptions(
      id,
      new conference.StopCloudRecordRequest({ unionId: 'HOST' }),
      withToken(conference.StopCloudRecordHeaders, token),
      runtime(),
    )
    assert.equal(stop.body.code, '0')
    const closed = await client.closeVideoConferenceWithOptions(
      id,
      new conference.CloseVideoConferenceRequest({ unionId: 'HOST' }),
      withToken(conference.CloseVideoConferenceHeaders, token),
      runtime(),
    )
    assert.deepEqual(JSON.parse(JSON.stringify(closed.body)), { cause: 'success', code: 0 })
    const stored = await world.services.dingtalkConferences.recordings(TENANT_ID, id, 'GUEST')
    assert.deepEqual(stored, [])
  })
})
