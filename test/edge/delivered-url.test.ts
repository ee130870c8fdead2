// Signed URLs cover the URL as delivered: a URL PlayGate hands out in the prefix form
// (`<edge>/play/<host>/…`) verifies by each vendor's published formula applied to that URL (as
// nginx or a CDN in front would apply it), written here from url-signing.md, not with PlayGate's
// signer; the edge serves it; and it plays under its own host only.
import assert from 'node:assert/strict'
import { createHash, createHmac } from 'node:crypto'
import { describe, it } from 'node:test'
import type { UrlSchemeName } from '../../src/core/schemes/url-scheme.ts'
import { buildEdgeTestApp, rawRequest } from './edge-app.ts'

const MP4 = 'demo/mp4/demo.mp4'
const MP4_SIZE = 333404
const md5 = (text: string) => createHash('md5').update(text).digest('hex')

interface Delivered {
  readonly path: string
  readonly query: URLSearchParams
  readonly key: string
}

/** `/a/b/rest` → ['a', 'b', '/rest'] (path-form signing segments, then the signed URI). */
function pathForm(path: string): [string, string, string] {
  const m = /^\/([^/]+)\/([^/]+)(\/.*)$/.exec(path)
  assert.ok(m, path)
  return [m[1]!, m[2]!, m[3]!]
}

/** `ts-rand-uid-hash` with hash = md5("{URI}-{ts}-{rand}-{uid}-{key}") (§2.1, §4.1). */
function typeA(u: Delivered, param: string): [string, string] {
  const [ts, rand, uid, hash] = (u.query.get(param) ?? '').split('-')
  return [hash!, md5(`${u.path}-${ts}-${rand}-${uid}-${u.key}`)]
}

/** The vendor formula on the delivered URL: [MAC in the URL, MAC recomputed]. */
const FORMULAS: Partial<Record<UrlSchemeName, (u: Delivered) => [string, string]>> = {
  'aliyun-a': (u) => typeA(u, 'auth_key'),
  // §2.2: /{YYYYMMDDHHMM}/{md5(key + time + URI)}/{FileName}
  'aliyun-b': (u) => {
    const [time, hash, uri] = pathForm(u.path)
    return [hash, md5(u.key + time + uri)]
  },
  // §2.3 form 1: /{md5(key + URI + hexts)}/{hexts}/{FileName}
  'aliyun-c': (u) => {
    const [hash, hexts, uri] = pathForm(u.path)
    return [hash, md5(u.key + uri + hexts)]
  },
  // §2.4: ?sign={md5(key + URI + hexts)}&time={hexts}
  'aliyun-f': (u) => [u.query.get('sign')!, md5(u.key + u.path + u.query.get('time')!)],
  'tencent-cdn-a': (u) => typeA(u, 'sign'),
  // §4.2: /{time}/{md5(pkey + time + uri)}/path
  'tencent-cdn-b': (u) => {
    const [time, hash, uri] = pathForm(u.path)
    return [hash, md5(u.key + time + uri)]
  },
  // §4.3, the CDN doc's order PlayGate emits: /{md5(pkey + hexts + uri)}/{hexts}/path
  'tencent-cdn-c': (u) => {
    const [hash, hexts, uri] = pathForm(u.path)
    return [hash, md5(u.key + hexts + uri)]
  },
  // §4.4: ?sign={md5(pkey + uri + t)}&t={t}
  'tencent-cdn-d': (u) => [u.query.get('sign')!, md5(u.key + u.path + u.query.get('t')!)],
  // §5: sign = md5(KEY + Dir + t + exper + rlimit + us), Dir = the path's folder with both "/"
  'tencent-vod-key': (u) => {
    const dir = u.path.slice(0, u.path.lastIndexOf('/') + 1)
    const q = (name: string) => u.query.get(name) ?? ''
    return [q('sign'), md5(u.key + dir + q('t') + q('exper') + q('rlimit') + q('us'))]
  },
  // §6.1 with secure_link_md5 "$secure_link_expires$uri <key>": base64url(md5_raw(expression))
  'nginx-secure-link': (u) => [
    u.query.get('md5')!,
    createHash('md5')
      .update(`${u.query.get('expires')}${u.path} ${u.key}`)
      .digest('base64url'),
  ],
  // native-url/README.md: HMAC-SHA256 over PG-URL-1, kid, exp, nbf, ip, mode, path, other query
  native: (u) => {
    const q = (name: string) => u.query.get(name) ?? ''
    const canonical = ['PG-URL-1', q('pg_kid'), q('pg_exp'), '', '', 'exact', u.path, ''].join('\n')
    return [q('pg_sig'), createHmac('sha256', u.key).update(canonical).digest('base64url')]
  },
}

describe('edge: a URL handed out in the prefix form, as delivered', () => {
  for (const [scheme, formula] of Object.entries(FORMULAS)) {
    it(`${scheme}: the vendor formula on the handed-out URL reproduces its MAC, and the edge serves it`, async (t) => {
      const edge = await buildEdgeTestApp(t)
      const domain = await edge.domain(scheme as UrlSchemeName, { ttlSeconds: 600 })
      const handedOut = new URL(edge.playUrls.signStreamUrl({ domain, stream: MP4 }).url)
      assert.ok(handedOut.pathname.includes(`/play/${domain.host}/`), handedOut.href)

      const [inUrl, recomputed] = formula({
        path: handedOut.pathname,
        query: handedOut.searchParams,
        key: domain.keys.primary.secret,
      })
      assert.equal(inUrl, recomputed, handedOut.href)

      const res = await fetch(edge.base + handedOut.pathname + handedOut.search)
      assert.equal(res.status, 200, `${handedOut.href} → ${res.headers.get('x-error-code')}`)
      assert.equal((await res.arrayBuffer()).byteLength, MP4_SIZE)
    })
  }

  it('tencent-live: the StreamName formula holds on the handed-out URL (it signs no path)', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('tencent-live', { ttlSeconds: 600 })
    const url = new URL(edge.playUrls.signStreamUrl({ domain, stream: 'live/cam1.m3u8' }).url)
    assert.equal(url.pathname, `/play/${domain.host}/live/cam1.m3u8`)
    const txTime = url.searchParams.get('txTime')!
    assert.equal(
      url.searchParams.get('txSecret'),
      md5(domain.keys.primary.secret + 'cam1' + txTime),
    )
  })
})

describe('edge: a prefix-form URL plays under its own host only', () => {
  it('refuses it under another host holding the same key, and refuses a domain-relative MAC', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const key = { primaryKey: 'shared-key-1234' }
    for (const scheme of ['aliyun-a', 'aliyun-b', 'nginx-secure-link'] as const) {
      const x = await edge.domain(scheme, key)
      const y = await edge.domain(scheme, key)
      const url = new URL(edge.playUrls.signStreamUrl({ domain: x, stream: MP4 }).url)
      const moved = (url.pathname + url.search).replace(`/play/${x.host}/`, `/play/${y.host}/`)
      const res = await fetch(edge.base + moved)
      assert.equal(res.status, 403, `${scheme}: ${moved}`)
      assert.equal(res.headers.get('x-error-code'), 'SIGNATURE_MISMATCH', scheme)

      // The MAC of the target under the domain, put behind the prefix: not what was delivered.
      const bare = edge.playUrls.signTarget(x, '/' + MP4, 600).target
      const old = await fetch(`${edge.base}/play/${x.host}${bare}`)
      assert.equal(old.status, 403, `${scheme}: ${bare}`)
    }
  })

  it('serves the same file by Host with the MAC of the target under the domain', async (t) => {
    const edge = await buildEdgeTestApp(t)
    const domain = await edge.domain('aliyun-b', { ttlSeconds: 600 })
    const { target } = edge.playUrls.signTarget(domain, '/' + MP4, 600)
    const res = await rawRequest(edge.base, target, { headers: { host: domain.host } })
    assert.equal(res.status, 200)
  })
})
