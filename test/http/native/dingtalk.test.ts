// Native API, /v1/tenants/:tenantId/dingtalk: the org (corpId), apps (appKey/appSecret with
// scopes; the secret shown once; disabling revokes the token), users, conferences with host and
// participants, recordings pointing at a video, transcripts — and what the dialect then serves.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertError, assertNotFound, type NativeApp, nativeApp, NOW } from './native-app.ts'

const T = '/v1/tenants/acme/dingtalk'

async function world(t: Parameters<typeof nativeApp>[0]) {
  const app = await nativeApp(t, { demoMedia: true })
  await app.tenant({ id: 'acme' })
  for (const unionId of ['HOST', 'GUEST', 'OTHER'])
    await ok(app, 'PUT', `${T}/users/${unionId}`, { userId: `u-${unionId}`, name: unionId }, 201)
  return app
}

async function ok(
  app: NativeApp,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  status = 200,
) {
  const reply = await app.call(method, url, body)
  assert.equal(reply.status, status, `${method} ${url}: ${reply.text}`)
  return reply.body
}

describe('native API: dingtalk catalog', () => {
  it('sets, reads and deletes the org; a corpId another tenant holds is CONFLICT', async (t) => {
    const app = await world(t)
    await app.tenant({ id: 'other' })
    assertNotFound(await app.call('GET', `${T}/org`), 'tenant "acme" has no DingTalk org')
    const org = await ok(app, 'PUT', `${T}/org`, { corpId: 'dingcorp1', name: 'Acme' })
    assert.deepEqual(org, { tenantId: 'acme', corpId: 'dingcorp1', name: 'Acme' })
    assert.deepEqual(await ok(app, 'GET', `${T}/org`), org)
    const clash = await app.call('PUT', '/v1/tenants/other/dingtalk/org', {
      corpId: 'dingcorp1',
      name: 'Other',
    })
    assert.equal(clash.status, 409)
    assert.equal(clash.body.error.code, 'CONFLICT')
    await ok(app, 'DELETE', `${T}/org`, undefined, 204)
    assertNotFound(await app.call('DELETE', `${T}/org`), 'tenant "acme" has no DingTalk org')
    assertNotFound(
      await app.call('GET', '/v1/tenants/nobody/dingtalk/org'),
      'tenant "nobody" not found',
    )
  })

  it('creates an app with scopes, shows its secret once, and disabling it revokes its token', async (t) => {
    const app = await world(t)
    const created = await ok(
      app,
      'POST',
      `${T}/apps`,
      { appKey: 'dingappkey01', scopes: ['VideoConference.Conference.Read'] },
      201,
    )
    assert.match(created.id, /^ak_[0-9a-f]{20}$/)
    assert.equal(typeof created.appSecret, 'string')
    const { appSecret, ...shown } = created
    assert.deepEqual(shown, {
      id: created.id,
      tenantId: 'acme',
      appKey: 'dingappkey01',
      status: 'active',
      description: '',
      scopes: ['VideoConference.Conference.Read'],
      createdAt: NOW,
    })
    assert.deepEqual(await ok(app, 'GET', `${T}/apps/${created.id}`), shown)
    const list = await ok(app, 'GET', `${T}/apps`)
    assert.deepEqual(list, { items: [shown], total: 1, page: 1, pageSize: 20 })
    // Another protocol's key of the tenant is no app.
    const aliyun = await ok(
      app,
      'POST',
      '/v1/tenants/acme/access-keys',
      { protocol: 'aliyun' },
      201,
    )
    assertNotFound(
      await app.call('GET', `${T}/apps/${aliyun.id}`),
      `DingTalk app "${aliyun.id}" not found`,
    )

    const token = await app.services.dingtalkTokens.issue('dingappkey01', appSecret)
    const patched = await ok(app, 'PATCH', `${T}/apps/${created.id}`, {
      scopes: ['VideoConference.Conference.Write', 'VideoConference.Conference.Read'],
      status: 'disabled',
    })
    assert.deepEqual(patched.scopes, [
      'VideoConference.Conference.Read',
      'VideoConference.Conference.Write',
    ])
    assert.equal(patched.status, 'disabled')
    await ok(app, 'PATCH', `${T}/apps/${created.id}`, { status: 'active' })
    const verdict = await app.services.dingtalkTokens.authenticate(token.accessToken)
    assert.equal(verdict.ok, false)

    assertError(
      await app.call('PATCH', `${T}/apps/${created.id}`, { scopes: ['no spaces'] }),
      400,
      'INVALID_PARAMETER',
      'scopes.0',
    )
    await ok(app, 'DELETE', `${T}/apps/${created.id}`, undefined, 204)
    assertNotFound(
      await app.call('GET', `${T}/apps/${created.id}`),
      `DingTalk app "${created.id}" not found`,
    )
  })

  it('puts users by unionId (201 then 200), lists, reads and deletes them', async (t) => {
    const app = await world(t)
    const replaced = await ok(app, 'PUT', `${T}/users/GUEST`, { userId: 'u2', name: 'Guest' })
    assert.deepEqual(replaced, { tenantId: 'acme', unionId: 'GUEST', userId: 'u2', name: 'Guest' })
    assert.deepEqual(await ok(app, 'GET', `${T}/users/GUEST`), replaced)
    const list = await ok(app, 'GET', `${T}/users?pageSize=2`)
    assert.deepEqual(
      list.items.map((u: { unionId: string }) => u.unionId),
      ['GUEST', 'HOST'],
    )
    assert.equal(list.total, 3)
    await ok(app, 'DELETE', `${T}/users/OTHER`, undefined, 204)
    assertNotFound(await app.call('GET', `${T}/users/OTHER`), 'DingTalk user "OTHER" not found')
    assertError(
      await app.call('PUT', `${T}/users/X`, { userId: 'x', name: 'X', extra: 1 }),
      400,
      'INVALID_PARAMETER',
      'extra',
    )
  })

  it('manages conferences, recordings and transcripts, which the dialect then serves', async (t) => {
    const app = await world(t)
    const video = await app.video('acme', { title: 'Weekly' })
    await ok(app, 'POST', `/v1/videos/${video.id}/streams`, { location: 'demo/mp4/demo.mp4' }, 201)
    await app.domain('acme', { host: 'mcs.acme.test', isDefault: true })

    assertError(
      await app.call('POST', `${T}/conferences`, { title: 'W', hostUnionId: 'NOBODY' }),
      400,
      'INVALID_PARAMETER',
      'hostUnionId',
      'unknown DingTalk user "NOBODY": add it under users first',
    )
    const conf = await ok(
      app,
      'POST',
      `${T}/conferences`,
      {
        id: 'conf_weekly',
        title: 'Weekly',
        hostUnionId: 'HOST',
        participants: ['GUEST'],
        startedAt: '2026-01-01T09:00:00.000Z',
      },
      201,
    )
    assert.deepEqual(conf, {
      id: 'conf_weekly',
      tenantId: 'acme',
      title: 'Weekly',
      hostUnionId: 'HOST',
      participants: ['HOST', 'GUEST'],
      startedAt: '2026-01-01T09:00:00.000Z',
      endedAt: null,
    })
    const dup = await app.call('POST', `${T}/conferences`, {
      id: 'conf_weekly',
      title: 'W',
      hostUnionId: 'HOST',
    })
    assert.equal(dup.status, 409)
    const C = `${T}/conferences/conf_weekly`
    const ended = await ok(app, 'PATCH', C, { endedAt: '2026-01-01T10:00:00.000Z' })
    assert.equal(ended.endedAt, '2026-01-01T10:00:00.000Z')
    assertError(
      await app.call('PATCH', C, { endedAt: '2025-01-01T00:00:00.000Z' }),
      400,
      'INVALID_PARAMETER',
      'endedAt',
      'must not be before startedAt',
    )
    assert.equal((await ok(app, 'GET', `${T}/conferences`)).total, 1)

    const rec = await ok(
      app,
      'POST',
      `${C}/recordings`,
      {
        id: 'rec_1',
        videoId: video.id,
        mediaId: 'faa1566c5bc24f21821ae2394f82db2e',
        regionId: 'cn-shenzhen',
        unionId: 'HOST',
        startedAt: '2026-01-01T09:01:00.000Z',
        endedAt: '2026-01-01T09:02:00.000Z',
      },
      201,
    )
    const fresh = await app.services.videos.get(video.id)
    assert.deepEqual(rec, {
      id: 'rec_1',
      conferenceId: 'conf_weekly',
      videoId: video.id,
      mediaId: 'faa1566c5bc24f21821ae2394f82db2e',
      regionId: 'cn-shenzhen',
      unionId: 'HOST',
      startedAt: '2026-01-01T09:01:00.000Z',
      endedAt: '2026-01-01T09:02:00.000Z',
      durationMs: 60_000,
      fileSize: fresh.size,
    })
    assert.deepEqual(await ok(app, 'GET', `${C}/recordings/rec_1`), rec)
    const resized = await ok(app, 'PATCH', `${C}/recordings/rec_1`, { fileSize: 1127942 })
    assert.equal(resized.fileSize, 1127942)
    assert.equal((await ok(app, 'GET', `${C}/recordings`)).items.length, 1)
    await app.tenant({ id: 'other' })
    const foreign = await app.video('other')
    assertError(
      await app.call('PATCH', `${C}/recordings/rec_1`, { videoId: foreign.id }),
      400,
      'INVALID_PARAMETER',
      'videoId',
      `no video ${foreign.id} in this tenant`,
    )
    assertNotFound(
      await app.call('GET', `/v1/tenants/other/dingtalk/conferences/conf_weekly`),
      'conference "conf_weekly" not found',
    )

    const paragraph = {
      recordId: 17,
      unionId: 'GUEST',
      nickName: 'Guest',
      paragraph: 'Hi',
      startTime: 1000,
      endTime: 1900,
      status: 1,
      sentenceList: [],
    }
    const first = {
      ...paragraph,
      unionId: 'HOST',
      nickName: 'Host',
      paragraph: 'Hello',
      startTime: 0,
      endTime: 900,
    }
    const transcript = await ok(app, 'PUT', `${C}/transcript`, { paragraphs: [paragraph, first] })
    assert.deepEqual(transcript, {
      conferenceId: 'conf_weekly',
      paragraphs: [
        { seq: 1, ...first },
        { seq: 2, ...paragraph },
      ],
    })
    assert.deepEqual(await ok(app, 'GET', `${C}/transcript`), transcript)

    // The dialect reads what the native API wrote: getVideos and getTexts for the guest.
    const token = (await app.services.dingtalkTokens.issue(...(await appKey(app)))).accessToken
    const headers = { 'x-acs-dingtalk-access-token': token }
    const videos = await app.app.inject({
      url: '/v1.0/conference/videoConferences/conf_weekly/cloudRecords/getVideos?unionId=GUEST',
      headers,
    })
    assert.equal(videos.statusCode, 200, videos.body)
    assert.equal(JSON.parse(videos.body).videoList[0].fileSize, 1127942)
    const texts = await app.app.inject({
      url: '/v1.0/conference/videoConferences/conf_weekly/cloudRecords/getTexts?unionId=GUEST',
      headers,
    })
    assert.deepEqual(
      JSON.parse(texts.body).paragraphList.map((p: { paragraph: string }) => p.paragraph),
      ['Hello', 'Hi'],
    )

    await ok(app, 'DELETE', `${C}/transcript`, undefined, 204)
    assert.deepEqual((await ok(app, 'GET', `${C}/transcript`)).paragraphs, [])
    await ok(app, 'DELETE', `${C}/recordings/rec_1`, undefined, 204)
    assertNotFound(await app.call('GET', `${C}/recordings/rec_1`), 'recording "rec_1" not found')
    await ok(app, 'DELETE', C, undefined, 204)
    assertNotFound(await app.call('GET', C), 'conference "conf_weekly" not found')
    // The video stays.
    assert.equal((await app.services.videos.get(video.id)).id, video.id)
  })
})

/** A fresh app of the tenant: [appKey, appSecret]. */
async function appKey(app: NativeApp): Promise<[string, string]> {
  const created = await ok(app, 'POST', `${T}/apps`, {}, 201)
  return [created.appKey, created.appSecret]
}
