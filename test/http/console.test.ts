// The console's static plugin: pages with their security headers, built assets only (gzip when
// accepted, ETag revalidation), a clear 503 when nothing is built, and `/` shared with the
// vendor dialects that live there.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, it, type TestContext } from 'node:test'
import Fastify from 'fastify'
import { CONSOLE_CSP, consolePlugin } from '../../src/http/console.ts'
import { buildTestApp } from '../helpers/build-app.ts'

const INDEX = '<!doctype html><title>PlayGate console</title>'
const SCRIPT = 'console.log("console")'

async function serve(t: TestContext, files: Record<string, string> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'playgate-web-'))
  t.after(() => rmSync(root, { recursive: true, force: true }))
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(root, name), text)
    writeFileSync(join(root, `${name}.gz`), gzipSync(text))
  }
  const app = Fastify()
  await app.register(consolePlugin, { root })
  t.after(() => app.close())
  return app
}

describe('console static plugin', () => {
  it('serves the console at / with a same-origin-only CSP and no caching without revalidation', async (t) => {
    const app = await serve(t, { 'index.html': INDEX })
    const res = await app.inject({ method: 'GET', url: '/' })
    assert.equal(res.statusCode, 200)
    assert.equal(res.body, INDEX)
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8')
    assert.equal(res.headers['content-security-policy'], CONSOLE_CSP)
    // Every directive names PlayGate's own origin or nothing; media also blob: (hls.js's
    // MediaSource, a URL this page made itself). No host, scheme or wildcard anywhere.
    assert.deepEqual(
      CONSOLE_CSP.split('; ').map((d) => d.split(' ')),
      [
        ['default-src', "'self'"],
        ['script-src', "'self'"],
        ['style-src', "'self'"],
        ['img-src', "'self'"],
        ['media-src', "'self'", 'blob:'],
        ['connect-src', "'self'"],
        ['font-src', "'self'"],
        ['object-src', "'none'"],
        ['base-uri', "'none'"],
        ['form-action', "'self'"],
        ['frame-ancestors', "'none'"],
      ],
    )
    assert.equal(res.headers['x-frame-options'], 'DENY')
    assert.equal(res.headers['referrer-policy'], 'no-referrer')
    assert.equal(res.headers['cache-control'], 'no-cache')
    const again = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'if-none-match': String(res.headers.etag) },
    })
    assert.equal(again.statusCode, 304)
  })

  it('serves built assets gzipped when accepted, each encoding with its own ETag', async (t) => {
    const app = await serve(t, { 'console.js': SCRIPT })
    const plain = await app.inject({ method: 'GET', url: '/console/console.js' })
    assert.equal(plain.body, SCRIPT)
    assert.equal(plain.headers['content-type'], 'text/javascript; charset=utf-8')
    assert.equal(plain.headers['x-content-type-options'], 'nosniff')
    const zipped = await app.inject({
      method: 'GET',
      url: '/console/console.js',
      headers: { 'accept-encoding': 'gzip, br' },
    })
    assert.equal(zipped.headers['content-encoding'], 'gzip')
    assert.equal(gunzipSync(zipped.rawPayload).toString(), SCRIPT)
    assert.notEqual(zipped.headers.etag, plain.headers.etag)
    assert.equal(zipped.headers.vary, 'accept-encoding')
  })

  it('serves nothing but built file names', async (t) => {
    const app = await serve(t, { 'console.js': SCRIPT })
    for (const url of [
      '/console/..%2Fpackage.json',
      '/console/console.js.gz',
      '/console/.built',
      '/console/index.html',
      '/console/missing.js',
    ]) {
      const res = await app.inject({ method: 'GET', url })
      assert.ok([404, 503].includes(res.statusCode), `${url}: ${res.statusCode}`)
      assert.notEqual(res.body, SCRIPT)
    }
  })

  it('says how to build the console when it is not built', async (t) => {
    const app = await serve(t)
    const res = await app.inject({ method: 'GET', url: '/watch' })
    assert.equal(res.statusCode, 503)
    assert.equal(
      res.body,
      'The PlayGate console is not built. Run `npm run build:web` (npm install does it).\n',
    )
  })

  it('leaves `/` with a vendor dialect’s markers to that dialect, and stays out of OpenAPI', async (t) => {
    const { app } = await buildTestApp(t)
    const aliyun = await app.inject({ method: 'GET', url: '/?Action=GetVideoInfo&Format=JSON' })
    assert.equal(aliyun.json<{ Code: string }>().Code, 'MissingVersion')
    const openapi = await app.inject({ method: 'GET', url: '/openapi.json' })
    const paths = Object.keys(openapi.json<{ paths: Record<string, unknown> }>().paths)
    assert.ok(
      !paths.some((p) => p === '/' || p === '/watch' || p.startsWith('/console')),
      paths.join(),
    )
  })
})
