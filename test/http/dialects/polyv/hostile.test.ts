// Hostile and malformed requests to every Polyv route (issue: bad input): each one is answered in
// Polyv's envelope with a 4xx body code and `data: ""` (HTTP 200), never a 500 or a crash, and the
// app keeps answering afterwards.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { clientSignMd5, form } from './client.ts'
import { USERID, VID, polyvWorld } from './world.ts'

type Hostile = {
  what: string
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  payload?: string
}

const ROUTES = [
  ['GET', `/v2/video/${USERID}/video-setting-page`],
  ['POST', `/v2/video/${USERID}/video-setting-save`],
  ['GET', `/v2/video/${USERID}/authplay-status`],
  ['POST', `/v2/video/${USERID}/authplay-status`],
  ['POST', `/v2/setting/${USERID}/set-playsafe`],
  ['GET', `/v2/setting/${USERID}/get-playsafe`],
  ['POST', '/service/v1/token'],
] as const

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

function hostile(method: 'GET' | 'POST', path: string): Hostile[] {
  const cases: Hostile[] = [
    { what: 'bad escape in the query', method, url: `${path}?vids=%E0%A4%A&sign=%zz` },
    { what: 'NUL in a name', method, url: `${path}?vi%00ds=1` },
    { what: 'bracketed names', method, url: `${path}?vids[]=a&vids[]=b&sign[x]=1` },
    { what: 'a name without a value', method, url: `${path}?sign&ptime&vids` },
    { what: 'a 20 kB value', method, url: `${path}?vids=${'a'.repeat(20_000)}&sign=x` },
    { what: 'a huge ptime', method, url: `${path}?ptime=${'9'.repeat(400)}&sign=AB` },
    { what: 'a signed-looking ptime', method, url: `${path}?ptime=-1e3&sign=${'F'.repeat(40)}` },
    { what: 'unicode everywhere', method, url: `${path}?%F0%9F%98%80=%E2%80%AE&sign=%E2%80%AE` },
  ]
  if (method === 'POST')
    cases.push(
      {
        what: 'a JSON body',
        method,
        url: path,
        headers: { 'content-type': 'application/json' },
        payload: '{"vids":"x","sign":"y"}',
      },
      {
        what: 'a multipart body',
        method,
        url: path,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\n\r\n--x--',
      },
      {
        what: 'a form body with a bad escape',
        method,
        url: path,
        headers: FORM,
        payload: 'vids=%&sign=%G0',
      },
      { what: 'an empty form body', method, url: path, headers: FORM, payload: '' },
      {
        what: 'a body over the limit',
        method,
        url: path,
        headers: FORM,
        payload: `vids=${'a'.repeat(2_000_000)}`,
      },
      {
        what: 'binary in a form body',
        method,
        url: path,
        headers: FORM,
        payload: '\u0000\u00ff\ufffe=\u0001',
      },
    )
  return cases
}

describe('polyv: hostile requests', () => {
  it('answers every one in Polyv’s envelope with a 4xx code, never a 500', async (t) => {
    const w = await polyvWorld(t)
    const weirdPaths: Hostile[] = [
      {
        what: 'an encoded slash in the userid',
        method: 'GET',
        url: '/v2/video/a%2F..%2Fb/video-setting-page?vids=x',
      },
      {
        what: 'markup as userid',
        method: 'GET',
        url: '/v2/video/%3Cscript%3E/video-setting-page?vids=x',
      },
      {
        what: 'a 2 kB userid',
        method: 'GET',
        url: `/v2/video/${'u'.repeat(2000)}/video-setting-page`,
      },
      { what: 'a NUL userid', method: 'GET', url: '/v2/video/%00/video-setting-page?vids=x' },
    ]
    const all = [...ROUTES.flatMap(([m, p]) => hostile(m, p)), ...weirdPaths]
    for (const c of all) {
      const res = await w.app.inject({
        method: c.method,
        url: c.url,
        ...(c.headers ? { headers: c.headers } : {}),
        ...(c.payload !== undefined ? { payload: c.payload } : {}),
      })
      const label = `${c.method} ${c.url.slice(0, 60)}: ${c.what}`
      assert.equal(res.statusCode, 200, `${label}: ${res.body.slice(0, 200)}`)
      const body = JSON.parse(res.body) as Record<string, unknown>
      assert.deepEqual(Object.keys(body).sort(), ['code', 'data', 'message', 'status'], label)
      assert.equal(body.status, 'error', label)
      assert.ok(typeof body.code === 'number' && body.code >= 400 && body.code < 500, label)
      assert.equal(typeof body.message, 'string', label)
    }
    // Still answering, and a well-formed token request still works.
    const params = { userId: USERID, videoId: VID, ts: String(w.clock.now()), viewerId: 'v' }
    const ok = await w.app.inject({
      method: 'POST',
      url: '/service/v1/token',
      headers: FORM,
      payload: form({ ...params, sign: clientSignMd5(params, 'abc') }),
    })
    assert.equal((JSON.parse(ok.body) as { code: number }).code, 200)
  })

  it('refuses hostile token fields in the envelope, signed or not', async (t) => {
    const w = await polyvWorld(t)
    const send = (fields: Record<string, string>) => {
      const params = {
        userId: USERID,
        videoId: VID,
        ts: String(w.clock.now()),
        viewerId: 'v',
        ...fields,
      }
      return w.app.inject({
        method: 'POST',
        url: '/service/v1/token',
        headers: FORM,
        payload: form({ ...params, sign: clientSignMd5(params, 'abc') }),
      })
    }
    const cases: [Record<string, string>, string][] = [
      [{ expires: '1e9' }, 'expires is illegal.'],
      [{ expires: '86401' }, 'expires is illegal.'],
      [{ expires: '-5' }, 'expires is illegal.'],
      [{ disposable: 'maybe' }, 'disposable error'],
      [{ iswxa: '2' }, 'iswxa error'],
      [{ type: 'DESKTOP' }, 'type is illegal.'],
      [{ ts: 'now' }, 'ts is illegal.'],
      [{ videoId: `${VID}/../x` }, '用户的视频下找不到该视频.'],
    ]
    for (const [fields, message] of cases) {
      const res = await send(fields)
      assert.equal(res.statusCode, 200)
      const body = JSON.parse(res.body) as { code: number; message: string; data: string }
      assert.deepEqual([body.message, body.data], [message, ''], JSON.stringify(fields))
      assert.ok(body.code >= 400 && body.code < 500)
    }
  })
})
