// Live origins' callbacks on a listening PlayGate: nginx-rtmp on_play/on_publish (form bodies with
// the client's arguments), SRS http_hooks (allow = 200 with body exactly "0") and MediaMTX's
// external auth (JSON); garbage and unknown streams are always refused.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { signLive, signLivePush } from '../../src/core/schemes/tencent-live/sign.ts'
import { readMediamtx, readNginxRtmp, readSrs } from '../../src/edge/live-hooks.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { buildEdgeTestApp, EDGE_EPOCH } from './edge-app.ts'

const KEY = 'e12c46f2612d5106e2034781ab261ca3'

async function world(t: Parameters<typeof buildEdgeTestApp>[0]) {
  const edge = await buildEdgeTestApp(t)
  const domain = await edge.domain('tencent-live', {
    host: 'live.playgate.test',
    ttlSeconds: 300,
    primaryKey: KEY,
  })
  await edge.services.liveStreams.create({
    tenantId: domain.tenantId,
    playDomainId: domain.id,
    streamName: 'test',
    location: 'hls/test.m3u8',
    pushKey: 'push-key',
  })
  const play = signLive(
    { target: '/live/test', key: { id: 'k', secret: KEY }, now: EDGE_EPOCH, ttlSeconds: 300 },
    nodeCrypto,
  ).split('?')[1]!
  const push = signLivePush(
    { appName: 'live', streamName: 'test', pushKey: 'push-key', expiresAt: EDGE_EPOCH + 60 },
    nodeCrypto,
  ).split('?')[1]!
  const post = async (path: string, body: string, type: string) => {
    const res = await fetch(`${edge.base}/edge/live/${path}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    })
    return { status: res.status, text: await res.text(), code: res.headers.get('x-error-code') }
  }
  return { edge, play, push, post }
}

const FORM = 'application/x-www-form-urlencoded'
const nginx = (call: string, args: string, extra = '') =>
  `call=${call}&addr=127.0.0.1&clientid=1&app=live&flashver=LNX&swfurl=&tcurl=rtmp%3A%2F%2Flive.playgate.test%3A1935%2Flive&pageurl=&name=test${extra}&${args}`

describe('live hooks: nginx-rtmp', () => {
  it('allows a play with a good txSecret and a publish with the push key', async (t) => {
    const { post, play, push } = await world(t)
    assert.equal(
      (await post('nginx-rtmp/live.playgate.test', nginx('play', play), FORM)).status,
      200,
    )
    assert.equal(
      (await post('nginx-rtmp', nginx('play', play), FORM)).status,
      200,
      'host from tcurl',
    )
    assert.equal((await post('nginx-rtmp', nginx('publish', push, '&type=live'), FORM)).status, 200)
  })

  it('refuses a tampered play, a play key used to publish, and garbage', async (t) => {
    const { post, play } = await world(t)
    const tampered = play.replace(/txSecret=./, 'txSecret=0')
    assert.deepEqual(await post('nginx-rtmp', nginx('play', tampered), FORM), {
      status: 403,
      text: 'Forbidden\n',
      code: 'SIGNATURE_MISMATCH',
    })
    assert.equal((await post('nginx-rtmp', nginx('publish', play), FORM)).status, 403)
    assert.equal(
      (await post('nginx-rtmp', 'call=play&name=test&app=live', FORM)).code,
      'MISSING_PARAMETER',
    )
    assert.equal((await post('nginx-rtmp', '%zz', FORM)).status, 403)
    assert.equal((await post('nginx-rtmp', '', FORM)).status, 403)
    assert.equal((await post('nginx-rtmp', 'x'.repeat(70_000), FORM)).status, 403)
  })

  it('lets the done notifications through', async (t) => {
    const { post } = await world(t)
    assert.equal((await post('nginx-rtmp', 'call=play_done&app=live&name=test', FORM)).status, 200)
  })
})

describe('live hooks: SRS http_hooks', () => {
  const srs = (action: string, param: string, stream = 'test') =>
    JSON.stringify({
      server_id: 'vid-1',
      action,
      client_id: '3',
      ip: '127.0.0.1',
      vhost: '__defaultVhost__',
      app: 'live',
      tcUrl: 'rtmp://live.playgate.test/live',
      stream,
      param: param === '' ? '' : `?${param}`,
    })

  it('answers 200 with exactly "0" to allow and anything else to refuse', async (t) => {
    const { post, play, push } = await world(t)
    assert.deepEqual(await post('srs', srs('on_play', play), 'application/json'), {
      status: 200,
      text: '0',
      code: null,
    })
    assert.equal(
      (await post('srs/live.playgate.test', srs('on_publish', push), 'application/json')).text,
      '0',
    )
    const refused = await post('srs', srs('on_play', ''), 'application/json')
    assert.deepEqual([refused.status, refused.text], [403, '1'])
    assert.equal(
      (await post('srs', srs('on_play', play, 'other'), 'application/json')).code,
      'NOT_FOUND',
    )
    assert.equal((await post('srs', '{"action":', 'application/json')).text, '1')
    assert.equal((await post('srs', '[1]', 'application/json')).text, '1')
    assert.equal((await post('srs', srs('on_stop', ''), 'application/json')).text, '0')
  })
})

describe('live hooks: MediaMTX external auth', () => {
  const mtx = (action: string, query: string, path = 'live/test') =>
    JSON.stringify({
      user: '',
      password: '',
      token: '',
      ip: '127.0.0.1',
      action,
      path,
      protocol: 'rtsp',
      id: null,
      query,
    })

  it('allows read and publish with the right credentials, refuses the rest', async (t) => {
    const { post, play, push } = await world(t)
    const at = 'mediamtx/live.playgate.test'
    assert.equal((await post(at, mtx('read', play), 'application/json')).status, 200)
    assert.equal((await post(at, mtx('publish', push), 'application/json')).status, 200)
    assert.equal((await post(at, mtx('read', ''), 'application/json')).status, 401)
    assert.equal((await post(at, mtx('api', play), 'application/json')).status, 401)
    assert.equal((await post(at, mtx('read', play, 'test'), 'application/json')).status, 401)
    assert.equal(
      (await post('mediamtx', mtx('read', play), 'application/json')).code,
      'MISSING_PARAMETER',
    )
  })
})

describe('live hook body readers', () => {
  it('keep the client arguments of an nginx-rtmp body as the query', () => {
    assert.deepEqual(
      readNginxRtmp(
        Buffer.from('call=play&app=live&name=s&tcurl=rtmp://h:1935/live&txSecret=a&txTime=b'),
      ),
      {
        host: 'h',
        appName: 'live',
        streamName: 's',
        query: 'txSecret=a&txTime=b',
        action: 'play',
      },
    )
    assert.equal(readNginxRtmp(Buffer.from('call=play&call=publish')), undefined)
    assert.equal(readNginxRtmp('not a buffer'), undefined)
  })

  it('read SRS and MediaMTX JSON and nothing else', () => {
    assert.equal(readSrs(Buffer.from('null')), undefined)
    assert.equal(readSrs(Buffer.from('{}')), undefined)
    assert.equal(readMediamtx(Buffer.from('"x"')), undefined)
    assert.deepEqual(
      readSrs(Buffer.from('{"action":"on_play","vhost":"v.example","app":1,"stream":"s"}')),
      {
        host: 'v.example',
        appName: '',
        streamName: 's',
        query: '',
        action: 'play',
      },
    )
  })
})
