// DingTalk getPlayInfos end to end over loopback HTTP (access token checked in shared state, app
// scopes read, throttle counted, the user's access to the conference checked, recording and video
// looked up, HLS and MP4 URLs signed by the playback service, audit row written), beside a bare
// Fastify route measured by the same client in the same run, as a ratio.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Fastify from 'fastify'
import { createRuntime } from '../src/compose.ts'
import { loadConfig } from '../src/config/load.ts'
import { buildApp } from '../src/http/app.ts'
import { createMetrics } from '../src/http/shared/metrics.ts'
import { DEMO, seedDemo } from '../src/services/demo.ts'
import { load, type LoadResult } from './aliyun.ts'

const REPO = resolve(import.meta.dirname, '..')
const APP = { key: 'dingbenchapp00001', secret: 'bench-app-secret-0123456789' }
const CONFERENCE = 'conf_bench'
const MEDIA_ID = 'faa1566c5bc24f21821ae2394f82db2e'
const REGION = 'cn-shenzhen'
const PATH =
  `/v1.0/conference/videoConferences/${CONFERENCE}/cloudRecords/videos/getPlayInfos` +
  `?mediaId=${MEDIA_ID}&regionId=${REGION}&unionId=GUEST`

/** A PlayGate with the demo catalog, one DingTalk org, app, conference and recording. */
async function playGate(dataDir: string, databaseUrl?: string) {
  const config = loadConfig({
    env: {
      PLAYGATE_DATA_DIR: dataDir,
      PLAYGATE_MEDIA_ROOT: join(REPO, 'media'),
      PLAYGATE_SECRETS_MASTER_KEY: randomBytes(32).toString('hex'),
      PLAYGATE_LOG_LEVEL: 'silent',
      PLAYGATE_DEMO_ENABLED: 'false',
      ...(databaseUrl ? { PLAYGATE_DATABASE_URL: databaseUrl } : {}),
      // The limiter still counts every request; 40 QPS would only measure refusals.
      PLAYGATE_LIMITS_DINGTALK_QUERY_CLOUD_RECORD_VIDEO_PLAY_INFO: '1000000000',
    },
  })
  const runtime = await createRuntime(config)
  const s = runtime.services
  await seedDemo(s)
  await s.dingtalkApps.create({ tenantId: DEMO.tenantId, appKey: APP.key, appSecret: APP.secret })
  await s.dingtalkCatalog.setOrg(DEMO.tenantId, { corpId: 'dingbenchcorp', name: 'Bench' })
  for (const unionId of ['HOST', 'GUEST'])
    await s.dingtalkCatalog.putUser(DEMO.tenantId, { unionId, userId: unionId, name: unionId })
  await s.dingtalkCatalog.createConference(DEMO.tenantId, {
    id: CONFERENCE,
    title: 'Bench',
    hostUnionId: 'HOST',
    participants: ['GUEST'],
  })
  await s.dingtalkCatalog.createRecording(DEMO.tenantId, CONFERENCE, {
    videoId: DEMO.videoId,
    mediaId: MEDIA_ID,
    regionId: REGION,
    unionId: 'HOST',
    startedAt: new Date(Date.now() - 60_000),
    endedAt: new Date(),
  })
  const { accessToken } = await s.dingtalkTokens.issue(APP.key, APP.secret)
  const app = await buildApp({
    config,
    services: s,
    metrics: createMetrics(),
    ready: () => runtime.ready(),
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url,
    accessToken,
    async close() {
      await app.close()
      await runtime.close()
    },
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const NO_SIGNING = { accessKeyId: '', secret: '', videoId: '' }

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'playgate-bench-dingtalk-'))
  const bare = Fastify()
  // About the size and shape of a getPlayInfos answer, without any work behind it.
  bare.get('/', () => ({
    playUrl: `http://127.0.0.1/play/demo.playgate.local/demo/hls/master.m3u8?auth_key=${'x'.repeat(60)}`,
    mp4FileUrl: `http://127.0.0.1/play/demo.playgate.local/demo/mp4/demo.mp4?auth_key=${'x'.repeat(60)}`,
    fileSize: 1127942,
    duration: 59886,
    status: 1,
  }))
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 })
  try {
    const bareResult = await load({ ...NO_SIGNING, base: bareUrl, mode: 'bare' })
    const measured: [string, LoadResult][] = [['bare Fastify GET / (JSON, no work)', bareResult]]
    for (const [name, db] of [
      ['getPlayInfos, SQLite file (default)', undefined],
      ['getPlayInfos, SQLite :memory:', 'sqlite::memory:'],
    ] as const) {
      const pg = await playGate(mkdtempSync(join(dataDir, 'pg-')), db)
      try {
        const result = await load({
          ...NO_SIGNING,
          base: pg.url,
          mode: 'get',
          path: PATH,
          headers: { 'x-acs-dingtalk-access-token': pg.accessToken },
        })
        if (Object.keys(result.statuses).some((status) => status !== '200'))
          throw new Error(`getPlayInfos answered ${JSON.stringify(result.statuses)}`)
        measured.push([name, result])
      } finally {
        await pg.close()
      }
    }
    const rps = (r: LoadResult) => r.requests / r.seconds
    const rows = measured.map(([name, r]) => [
      name,
      fmt(rps(r)),
      (rps(r) / rps(bareResult)).toFixed(3),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      r.cpuMicros === undefined ? '-' : r.cpuMicros.toFixed(0),
    ])
    const headers = ['loopback HTTP/1.1 keep-alive', 'req/s', 'vs bare', 'p50 ms', 'p99 ms']
    headers.push('server CPU µs/req')
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    for (const cells of [headers, ...rows])
      console.log(
        cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
      )
    console.log(
      '\nEach getPlayInfos: access token looked up (SHA-256) in shared state, app key and scopes ' +
        'read, throttle counted, user and conference checked (host or participant), recording ' +
        'and video looked up, HLS and MP4 URLs signed on the play domain for no longer than the ' +
        'token has left, audit row written. Client in a worker thread; in-process shared state, ' +
        'logs off. Server CPU: on-CPU time of the server thread per request.',
    )
  } finally {
    await bare.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
