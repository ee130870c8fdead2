// The media probe on the committed demo sample (media/demo, see its README) through ffprobe and
// through the built-in readers, plus damaged files, HLS references and ffprobe failure modes.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { AppError, type ErrorCode } from '../../../src/core/errors.ts'
import { createMediaProbe } from '../../../src/platform/node/media-probe.ts'

const DEMO = path.resolve(import.meta.dirname, '../../../media/demo')
const HAS_FFPROBE = spawnSync('ffprobe', ['-version']).status === 0
const HAS_FFMPEG = spawnSync('ffmpeg', ['-version']).status === 0
const MODES = [
  { mode: 'ffprobe', skip: HAS_FFPROBE ? false : 'ffprobe is not installed' },
  { mode: 'builtin', skip: false },
] as const

const sizeOf = async (...files: string[]) => {
  let total = 0
  for (const f of files) total += (await stat(path.join(DEMO, f))).size
  return total
}
const SEGMENTS = ['hls/segment-000.ts', 'hls/segment-001.ts', 'hls/segment-002.ts']
const round3 = (n: number) => Math.round(n * 1000) / 1000

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'playgate-probe-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode, message?: RegExp) {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e))
    assert.equal(e.code, code)
    if (message) assert.match(e.message, message)
    return true
  })
}

for (const { mode, skip } of MODES) {
  describe(`media probe (${mode}) on the demo sample`, { skip }, () => {
    const probe = createMediaProbe({ mode })

    it('reads the MP4: 640x360, 6 s, 24 fps, its file size and average bitrate', async () => {
      const size = await sizeOf('mp4/demo.mp4')
      const info = await probe.probe(path.join(DEMO, 'mp4/demo.mp4'))
      assert.ok(Math.abs(info.duration - 6) < 1 / 24, `duration ${info.duration}`)
      assert.deepEqual(info, {
        format: 'mp4',
        duration: info.duration,
        size,
        width: 640,
        height: 360,
        bitrate: round3((size * 8) / info.duration / 1000),
        fps: 24,
      })
    })

    it('reads the HLS media playlist: EXTINF sum and playlist + segment sizes', async () => {
      const size = await sizeOf('hls/index.m3u8', ...SEGMENTS)
      const info = await probe.probe(path.join(DEMO, 'hls/index.m3u8'))
      // Without ffprobe nothing in a TS-segment media playlist states the picture size or rate.
      const picture = mode === 'ffprobe' ? [640, 360, 24] : [0, 0, 0]
      assert.deepEqual(info, {
        format: 'm3u8',
        duration: 6,
        size,
        width: picture[0],
        height: picture[1],
        bitrate: round3((size * 8) / 6 / 1000),
        fps: picture[2],
      })
    })

    it('follows the master playlist to its variant; bitrate and size from the variant', async () => {
      const master = await readFile(path.join(DEMO, 'hls/master.m3u8'), 'utf8')
      const bandwidth = Number(/BANDWIDTH=(\d+)/.exec(master)?.[1])
      const info = await probe.probe(path.join(DEMO, 'hls/master.m3u8'))
      assert.deepEqual(info, {
        format: 'm3u8',
        duration: 6,
        size: await sizeOf('hls/master.m3u8', 'hls/index.m3u8', ...SEGMENTS),
        width: 640,
        height: 360,
        bitrate: bandwidth / 1000,
        fps: mode === 'ffprobe' ? 24 : 0,
      })
    })

    it(
      'reads an MP4 with moov at the end (remuxed from the demo)',
      { skip: !HAS_FFMPEG },
      async (t) => {
        const file = path.join(await tempDir(t), 'moov-last.mp4')
        execFileSync('ffmpeg', [
          '-v',
          'error',
          '-i',
          path.join(DEMO, 'mp4/demo.mp4'),
          '-c',
          'copy',
          file,
        ])
        const bytes = await readFile(file)
        assert.ok(bytes.indexOf('moov') > bytes.indexOf('mdat'), 'moov really is at the end')
        const info = await probe.probe(file)
        assert.deepEqual(
          [info.width, info.height, info.fps, info.size],
          [640, 360, 24, bytes.length],
        )
        assert.ok(Math.abs(info.duration - 6) < 1 / 24)
      },
    )

    it('refuses a truncated MP4, cut inside moov or inside mdat', async (t) => {
      const dir = await tempDir(t)
      const whole = await readFile(path.join(DEMO, 'mp4/demo.mp4'))
      for (const cut of [2000, Math.floor(whole.length / 2)]) {
        const file = path.join(dir, `cut-${cut}.mp4`)
        await writeFile(file, whole.subarray(0, cut))
        await rejectsWith(probe.probe(file), 'INVALID_PARAMETER')
      }
    })

    it('refuses files that are not media, empty, missing or not files', async (t) => {
      const dir = await tempDir(t)
      await writeFile(path.join(dir, 'noise.mp4'), Buffer.from('definitely not a video file'))
      await writeFile(path.join(dir, 'empty.mp4'), '')
      for (const name of ['noise.mp4', 'empty.mp4']) {
        await rejectsWith(probe.probe(path.join(dir, name)), 'INVALID_PARAMETER', /is not MP4, HLS/)
      }
      await rejectsWith(
        probe.probe(path.join(dir, 'missing.mp4')),
        'INVALID_PARAMETER',
        /cannot be opened/,
      )
      await mkdir(path.join(dir, 'dir.mp4'))
      await rejectsWith(probe.probe(path.join(dir, 'dir.mp4')), 'INVALID_PARAMETER')
    })

    it('refuses playlists that are malformed, not UTF-8 or reference missing segments', async (t) => {
      const dir = await tempDir(t)
      const cases = {
        'bad.m3u8': '#EXTM3U\n#EXTINF:x,\na.ts\n',
        'latin1.m3u8': Buffer.from('#EXTM3U\n#EXTINF:1,\n\xe9.ts\n', 'latin1'),
        'missing.m3u8': '#EXTM3U\n#EXTINF:1,\nnope.ts\n',
        'empty.m3u8': '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-ENDLIST\n',
      }
      const reasons = [/bad #EXTINF duration/, /not UTF-8/, /does not exist/, /has no segments/]
      for (const [i, [name, body]] of Object.entries(cases).entries()) {
        await writeFile(path.join(dir, name), body)
        await rejectsWith(probe.probe(path.join(dir, name)), 'INVALID_PARAMETER', reasons[i])
      }
    })
  })
}

describe('media probe: HLS references stay local and under the root', () => {
  const probe = createMediaProbe({ mode: 'builtin' })

  async function hlsWorld(t: TestContext) {
    const dir = await tempDir(t)
    await mkdir(path.join(dir, 'root', 'v', '720p'), { recursive: true })
    await copyFile(
      path.join(DEMO, SEGMENTS[0] ?? ''),
      path.join(dir, 'root', 'v', '720p', 'a b.ts'),
    )
    await writeFile(path.join(dir, 'secret.ts'), 'x')
    return { dir, root: path.join(dir, 'root') }
  }

  it('resolves percent-encoded variant and segment URIs relative to each playlist', async (t) => {
    const { root } = await hlsWorld(t)
    const media = '#EXTM3U\n#EXTINF:2,\na%20b.ts?v=1\n#EXTINF:2,\n../720p/a%20b.ts\n'
    await writeFile(path.join(root, 'v', '720p', 'index.m3u8'), media)
    const master =
      '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=1280x720,FRAME-RATE=25\n720p/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2000\n720p/index.m3u8\n'
    await writeFile(path.join(root, 'v', 'master.m3u8'), master)
    const info = await probe.probe(path.join(root, 'v', 'master.m3u8'))
    const segment = (await stat(path.join(root, 'v', '720p', 'a b.ts'))).size
    assert.deepEqual(info, {
      format: 'm3u8',
      duration: 4,
      size: Buffer.byteLength(master) + Buffer.byteLength(media) + segment,
      width: 0,
      height: 0,
      bitrate: 2,
      fps: 0,
    })
  })

  it('refuses segments outside the root, remote segments and root-relative paths', async (t) => {
    const { root } = await hlsWorld(t)
    const bad = [
      '../../../secret.ts',
      'https://cdn.example.com/a.ts',
      '/v/720p/a%20b.ts',
      '%E0%A4%A.ts',
    ]
    for (const uri of bad) {
      const file = path.join(root, 'v', '720p', 'index.m3u8')
      await writeFile(file, `#EXTM3U\n#EXTINF:2,\n${uri}\n`)
      await rejectsWith(probe.probe(file), 'INVALID_PARAMETER')
    }
  })

  it('lets a caller widen the root so variants may share segments one level up', async (t) => {
    const { root } = await hlsWorld(t)
    await mkdir(path.join(root, 'v', 'hls'))
    const file = path.join(root, 'v', 'hls', 'index.m3u8')
    await writeFile(file, '#EXTM3U\n#EXTINF:2,\n../720p/a%20b.ts\n')
    await rejectsWith(probe.probe(file), 'INVALID_PARAMETER', /escapes the media root/)
    const wide = createMediaProbe({ mode: 'builtin', root })
    assert.equal((await wide.probe(file)).duration, 2)
  })
})

describe('media probe: formats the built-in readers only recognise', () => {
  it('returns format and size, zeros elsewhere, for MP3, FLV and DASH', async (t) => {
    const dir = await tempDir(t)
    const files = {
      'a.mp3': Buffer.concat([Buffer.from('ID3\x04\0\0\0\0\0\0'), Buffer.alloc(100)]),
      'b.mp3': Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(100)]),
      'c.flv': Buffer.concat([Buffer.from('FLV\x01\x05\0\0\0\x09'), Buffer.alloc(50)]),
      'd.mpd': Buffer.from('<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011"/>'),
    }
    const probe = createMediaProbe({ mode: 'builtin' })
    for (const [name, bytes] of Object.entries(files)) {
      await writeFile(path.join(dir, name), bytes)
      const format = path.extname(name).slice(1)
      assert.deepEqual(await probe.probe(path.join(dir, name)), {
        format,
        duration: 0,
        size: bytes.length,
        width: 0,
        height: 0,
        bitrate: 0,
        fps: 0,
      })
    }
    // ADTS AAC shares MP3's sync bits but has layer 0: not MP3.
    await writeFile(path.join(dir, 'e.aac'), Buffer.from([0xff, 0xf1, 0x50, 0x80, 0, 0, 0]))
    await rejectsWith(probe.probe(path.join(dir, 'e.aac')), 'INVALID_PARAMETER')
  })
})

describe('media probe: ffprobe as a dependency', () => {
  /** A stand-in ffprobe: answers -version, then runs `body` for a probe. */
  async function fakeFfprobe(t: TestContext, body: string): Promise<string> {
    const file = path.join(await tempDir(t), 'ffprobe')
    await writeFile(file, `#!/bin/sh\nif [ "$1" = -version ]; then exit 0; fi\n${body}\n`)
    await chmod(file, 0o755)
    return file
  }
  const demo = path.join(DEMO, 'mp4/demo.mp4')

  it('falls back to the built-in readers when ffprobe is not installed (auto)', async () => {
    const probe = createMediaProbe({ ffprobePath: '/nonexistent/ffprobe' })
    assert.equal((await probe.probe(demo)).width, 640)
  })

  it('answers UNAVAILABLE when ffprobe is required but missing', async () => {
    const probe = createMediaProbe({ mode: 'ffprobe', ffprobePath: '/nonexistent/ffprobe' })
    await rejectsWith(probe.probe(demo), 'UNAVAILABLE')
  })

  it('turns an ffprobe error into INVALID_PARAMETER with its last stderr line', async (t) => {
    const ffprobe = await fakeFfprobe(t, 'echo "line 1" >&2; echo "Invalid data found" >&2; exit 1')
    const probe = createMediaProbe({ ffprobePath: ffprobe })
    await rejectsWith(
      probe.probe(demo),
      'INVALID_PARAMETER',
      /ffprobe cannot read the media: Invalid data found$/,
    )
  })

  it('refuses output that is not JSON', async (t) => {
    const probe = createMediaProbe({ ffprobePath: await fakeFfprobe(t, 'echo nope') })
    await rejectsWith(probe.probe(demo), 'INVALID_PARAMETER', /no JSON/)
  })

  it('kills a hung ffprobe after timeoutMs and answers UNAVAILABLE', async (t) => {
    const probe = createMediaProbe({
      ffprobePath: await fakeFfprobe(t, 'exec sleep 30'),
      timeoutMs: 200,
    })
    await rejectsWith(probe.probe(demo), 'UNAVAILABLE', /timed out after 200 ms/)
  })

  it('ignores cover art when picking the video stream of an MP3', async (t) => {
    const json = JSON.stringify({
      format: { duration: '12.5' },
      streams: [
        {
          codec_type: 'video',
          width: 500,
          height: 500,
          avg_frame_rate: '0/0',
          disposition: { attached_pic: 1 },
        },
        { codec_type: 'audio', duration: '12.5' },
      ],
    })
    const probe = createMediaProbe({ ffprobePath: await fakeFfprobe(t, `echo '${json}'`) })
    const file = path.join(await tempDir(t), 'a.mp3')
    await writeFile(file, Buffer.concat([Buffer.from('ID3\x04'), Buffer.alloc(996)]))
    assert.deepEqual(await probe.probe(file), {
      format: 'mp3',
      duration: 12.5,
      size: 1000,
      width: 0,
      height: 0,
      bitrate: 0.64,
      fps: 0,
    })
  })

  it('keeps the playlist-derived values when ffprobe cannot read the HLS segments', async (t) => {
    const probe = createMediaProbe({ ffprobePath: await fakeFfprobe(t, 'exit 1') })
    const info = await probe.probe(path.join(DEMO, 'hls/master.m3u8'))
    assert.deepEqual([info.width, info.height, info.fps, info.duration], [640, 360, 0, 6])
  })

  it('rejects a relative path as a programming error', async () => {
    await assert.rejects(createMediaProbe({ mode: 'builtin' }).probe('media/demo.mp4'), TypeError)
  })
})
