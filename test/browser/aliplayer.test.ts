// The official web player (npm aliyun-aliplayer 2.37.7) plays PlayGate's demo video in headless
// Chromium: page opened from a file (no licence check), player assets and PlayGate on 127.0.0.1,
// `customVodServer` + `customVodServerFirst` (aliyun-vod.md §11.4). Skips without /usr/bin/chromium.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, sep } from 'node:path'
import { pathToFileURL, fileURLToPath } from 'node:url'
import { describe, it, type TestContext } from 'node:test'
import { chromium, type Route } from 'playwright-core'
import { formatTimestamp } from '../../src/core/schemes/aliyun-rpc/canonical.ts'
import { signedQueryV1 } from '../../src/core/schemes/aliyun-rpc/sign.ts'
import { nodeCrypto } from '../../src/platform/node/crypto.ts'
import { DEMO, seedDemo } from '../../src/services/demo.ts'
import { buildTestApp } from '../helpers/build-app.ts'

const CHROMIUM = '/usr/bin/chromium'
const MEDIA_ROOT = fileURLToPath(new URL('../../media', import.meta.url))
const PLAYER_BUILD = fileURLToPath(
  new URL('../../node_modules/aliyun-aliplayer/build', import.meta.url),
)
const PLAYER_VERSION = '2.37.7'
/** Where the player fetches its own plugins (hls, skins) when no asset prefix is set. */
const PLAYER_CDN = `https://g.alicdn.com/apsara-media-box/imp-web-player/${PLAYER_VERSION}/`
const SCREENSHOT = '/tmp/playgate-aliplayer.png'
const ACCESS_KEY = { id: 'LTAIbrowsertest', secret: 'browser-test-secret' }

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
}

async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** A file under the player's build folder, or undefined (confined to that folder). */
function playerFile(relative: string): string | undefined {
  const path = normalize(join(PLAYER_BUILD, decodeURIComponent(relative)))
  if (!path.startsWith(PLAYER_BUILD + sep)) return undefined
  return existsSync(path) && statSync(path).isFile() ? path : undefined
}

/** Serves the player's build folder on 127.0.0.1:0, as a site would host the player. */
async function servePlayerAssets(t: TestContext): Promise<string> {
  const server: Server = createHttpServer((request, response) => {
    const file = playerFile((request.url ?? '/').split('?')[0]!.slice(1))
    if (!file) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'access-control-allow-origin': '*',
    })
    response.end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

/** PlayGate with the demo catalog listening on 127.0.0.1, and an Aliyun key for its tenant. */
async function startPlayGate(t: TestContext): Promise<string> {
  const port = await freePort()
  const { app, services } = await buildTestApp(t, {
    env: {
      PLAYGATE_HTTP_PORT: String(port),
      PLAYGATE_MEDIA_ROOT: MEDIA_ROOT,
      PLAYGATE_LOG_LEVEL: 'warn',
    },
  })
  await seedDemo(services)
  await services.accessKeys.issue({
    tenantId: DEMO.tenantId,
    protocol: 'aliyun',
    keyId: ACCESS_KEY.id,
    secret: ACCESS_KEY.secret,
  })
  await app.listen({ host: '127.0.0.1', port })
  return `http://127.0.0.1:${port}`
}

/** What an application backend does: GetVideoPlayAuth with its AccessKey (V1 GET, §12.2). */
async function getPlayAuth(api: string): Promise<string> {
  const query = signedQueryV1(
    {
      method: 'GET',
      params: {
        AccessKeyId: ACCESS_KEY.id,
        Action: 'GetVideoPlayAuth',
        AuthInfoTimeout: '3000',
        Format: 'JSON',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: nodeCrypto.randomBytes(16).reduce((s, b) => s + b.toString(16), ''),
        SignatureVersion: '1.0',
        Timestamp: formatTimestamp(Date.now()),
        Version: '2017-03-21',
        VideoId: DEMO.videoId,
      },
      secret: ACCESS_KEY.secret,
    },
    nodeCrypto,
  )
  const res = await fetch(`${api}/?${query}`)
  const body = (await res.json()) as { PlayAuth?: string }
  assert.equal(res.status, 200, JSON.stringify(body))
  return body.PlayAuth!
}

function playerPage(assets: string, api: string, playAuth: string, format: string): string {
  const options = {
    id: 'player',
    vid: DEMO.videoId,
    playauth: playAuth,
    customVodServer: `${api}/`,
    customVodServerFirst: true,
    // MP4 needs only the <video> element; m3u8 makes the player load its hls plugin (from its
    // CDN path, which the test serves from the npm package).
    format,
    autoplay: true,
    mute: true,
    width: '640px',
    height: '360px',
    language: 'en-us',
  }
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>PlayGate × Aliplayer</title>
<link rel="stylesheet" href="${assets}/skins/default/aliplayer-min.css">
<script src="${assets}/aliplayer-min.js"></script></head>
<body><div id="player"></div>
<script>
window.__events = []
window.__player = new Aliplayer(${JSON.stringify(options)}, function () { window.__events.push('ready') })
for (const name of ['error', 'play', 'playing', 'canplay'])
  window.__player.on(name, function (e) {
    window.__events.push(name + (name === 'error' ? ' ' + JSON.stringify(e && e.paramData) : ''))
  })
</script></body></html>`
}

/** The player's <video> element, read in the page (this file has no DOM types). */
const VIDEO_STATE = `(() => {
  const v = document.querySelector('#player video')
  return v ? { currentTime: v.currentTime, src: v.currentSrc } : null
})()`

const STREAMS = [
  { format: 'mp4', path: 'demo/mp4/demo.mp4' },
  { format: 'm3u8', path: 'demo/hls/master.m3u8' },
] as const

describe('aliyun web player (aliyun-aliplayer) against PlayGate', () => {
  for (const { format, path } of STREAMS)
    it(
      `plays the demo ${format} from a PlayAuth: currentTime advances past 1 s`,
      { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`, timeout: 120_000 },
      async (t) => {
        const api = await startPlayGate(t)
        const assets = await servePlayerAssets(t)
        const playAuth = await getPlayAuth(api)
        const dir = mkdtempSync(join(tmpdir(), 'playgate-aliplayer-'))
        t.after(() => rmSync(dir, { recursive: true, force: true }))
        const pagePath = join(dir, 'index.html')
        writeFileSync(pagePath, playerPage(assets, api, playAuth, format))

        const browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--autoplay-policy=no-user-gesture-required',
          ],
        })
        t.after(() => browser.close())
        const context = await browser.newContext()
        const trace: string[] = []
        const blocked: string[] = []
        const apiCalls: string[] = []
        const edgeHits: string[] = []
        // No network here: the player's own CDN plugins come from the local build, anything else
        // off 127.0.0.1 (its telemetry) is refused, and listed for the failure message.
        await context.route('**/*', async (route: Route) => {
          const url = route.request().url()
          if (url.startsWith('file:')) return route.continue()
          if (url.startsWith('http://127.0.0.1:')) {
            if (url.startsWith(`${api}/?`)) apiCalls.push(url)
            if (url.startsWith(`${api}/play/`)) edgeHits.push(url)
            return route.continue()
          }
          if (url.startsWith(PLAYER_CDN)) {
            const file = playerFile(url.slice(PLAYER_CDN.length).split('?')[0]!)
            if (file) return route.fulfill({ path: file })
          }
          blocked.push(url)
          return route.abort()
        })
        const page = await context.newPage()
        page.on('console', (m) => trace.push(`console.${m.type()}: ${m.text()}`))
        page.on('pageerror', (e) => trace.push(`pageerror: ${e.message}`))
        page.on('requestfailed', (r) => trace.push(`failed: ${r.url()} ${r.failure()?.errorText}`))
        page.on('response', (r) => {
          if (r.url().startsWith(api)) trace.push(`${r.status()} ${r.url().split('?')[0]}`)
        })

        await page.goto(pathToFileURL(pagePath).href)
        const diagnose = async () =>
          [
            `events: ${JSON.stringify(await page.evaluate('window.__events'))}`,
            `blocked: ${blocked.join(' ')}`,
            ...trace,
          ].join('\n')
        try {
          await page.waitForFunction(`(${VIDEO_STATE}?.currentTime ?? 0) > 1`, undefined, {
            timeout: 45_000,
            polling: 250,
          })
        } catch (error) {
          await page
            .screenshot({ path: SCREENSHOT.replace('.png', `-${format}.png`) })
            .catch(() => undefined)
          assert.fail(`playback did not advance: ${(error as Error).message}\n${await diagnose()}`)
        }
        await page.screenshot({ path: SCREENSHOT.replace('.png', `-${format}.png`) })
        t.diagnostic(`refused off-host requests: ${blocked.length ? blocked.join(' ') : 'none'}`)
        const state = await page.evaluate<{ currentTime: number; src: string }>(VIDEO_STATE)
        assert.ok(state.currentTime > 1, String(state.currentTime))
        // It asked GetPlayInfo with the PlayAuth's temporary key, then fetched PlayGate's
        // signed edge URL (for HLS, the playlist and segments the edge re-signed).
        assert.ok(
          apiCalls.some((u) => /[?&]Action=GetPlayInfo&/.test(u) && /AccessKeyId=STS\./.test(u)),
        )
        const signed = new RegExp(`^${api}/play/${DEMO.host}/${path}\\?auth_key=\\d+-0-0-`)
        assert.ok(
          edgeHits.some((u) => signed.test(u)),
          edgeHits.join('\n'),
        )
        if (format === 'mp4') assert.match(state.src, signed)
        else
          assert.ok(
            edgeHits.some((u) => /\/segment-\d+\.ts\?/.test(u)),
            edgeHits.join('\n'),
          )
      },
    )
})
