// The built-in MP4 reader on hand-built box trees (ISO/IEC 14496-12 layouts: mvhd, tkhd, mdhd,
// hdlr, stsd VisualSampleEntry, stts, mvex/mehd), so moov-at-end, 64-bit sizes and damage are exact.
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it, type TestContext } from 'node:test'
import { AppError } from '../../../src/core/errors.ts'
import { createMediaProbe } from '../../../src/platform/node/media-probe.ts'

const u16 = (n: number) => Buffer.from([(n >>> 8) & 0xff, n & 0xff])
const u32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}
const u64 = (n: number) => {
  const b = Buffer.alloc(8)
  b.writeBigUInt64BE(BigInt(n))
  return b
}
const zeros = (n: number) => Buffer.alloc(n)

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts)
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body])
}
/** A box whose size is in the 64-bit `largesize` field (size field = 1). */
function largeBox(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts)
  return Buffer.concat([u32(1), Buffer.from(type, 'latin1'), u64(16 + body.length), body])
}
const full = (type: string, version: number, ...parts: Buffer[]) =>
  box(type, Buffer.from([version, 0, 0, 0]), ...parts)

const ftyp = box('ftyp', Buffer.from('isom'), u32(512), Buffer.from('isomiso2avc1mp41'))
const mvhd = (timescale: number, duration: number, version = 0) =>
  version === 1
    ? full('mvhd', 1, u64(0), u64(0), u32(timescale), u64(duration), zeros(80))
    : full('mvhd', 0, u32(0), u32(0), u32(timescale), u32(duration), zeros(80))
const tkhd = (width: number, height: number, version = 0) =>
  full(
    'tkhd',
    version,
    version === 1 ? zeros(32) : zeros(20),
    zeros(8 + 8 + 36),
    u32(width * 65536),
    u32(height * 65536),
  )
const mdhd = (timescale: number, duration: number) =>
  full('mdhd', 0, u32(0), u32(0), u32(timescale), u32(duration), zeros(4))
const hdlr = (handler: string) =>
  full('hdlr', 0, zeros(4), Buffer.from(handler), zeros(12), Buffer.from('\0'))
const avc1 = (width: number, height: number) =>
  box('avc1', zeros(6), u16(1), zeros(16), u16(width), u16(height), zeros(50))
const stsd = (...entries: Buffer[]) => full('stsd', 0, u32(entries.length), ...entries)
const stts = (...runs: [count: number, delta: number][]) =>
  full('stts', 0, u32(runs.length), ...runs.map(([c, d]) => Buffer.concat([u32(c), u32(d)])))

function trak(o: { handler: string; timescale: number; duration: number; stbl: Buffer[] }) {
  return box(
    'trak',
    tkhd(0, 0),
    box(
      'mdia',
      mdhd(o.timescale, o.duration),
      hdlr(o.handler),
      box('minf', box('stbl', ...o.stbl)),
    ),
  )
}

/** 10.01 s at 29.97 fps, 1280x720, with an audio track first. */
const VIDEO_TRAK = trak({
  handler: 'vide',
  timescale: 30000,
  duration: 300300,
  stbl: [stsd(avc1(1280, 720)), stts([299, 1001], [1, 1001])],
})
const AUDIO_TRAK = trak({
  handler: 'soun',
  timescale: 48000,
  duration: 480480,
  stbl: [stsd(box('mp4a', zeros(28))), stts([469, 1024])],
})
const MOOV = box('moov', mvhd(1000, 10010), AUDIO_TRAK, VIDEO_TRAK)

async function probeBytes(t: TestContext, bytes: Buffer) {
  const dir = await mkdtemp(path.join(tmpdir(), 'playgate-mp4-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'x.mp4')
  await writeFile(file, bytes)
  return createMediaProbe({ mode: 'builtin' }).probe(file)
}

async function assertInvalid(t: TestContext, bytes: Buffer, reason: RegExp) {
  await assert.rejects(
    probeBytes(t, bytes),
    (e: unknown) =>
      e instanceof AppError && e.code === 'INVALID_PARAMETER' && reason.test(e.message),
  )
}

describe('media probe, built-in MP4 reader', () => {
  it('reads moov at the end, after an mdat with a 64-bit size', async (t) => {
    const file = Buffer.concat([ftyp, largeBox('mdat', zeros(5000)), MOOV])
    assert.deepEqual(await probeBytes(t, file), {
      format: 'mp4',
      duration: 10.01,
      size: file.length,
      width: 1280,
      height: 720,
      bitrate: Math.round(((file.length * 8) / 10.01 / 1000) * 1000) / 1000,
      fps: 29.97,
    })
  })

  it('reads a 64-bit mvhd duration and a last box whose size 0 means "to the end"', async (t) => {
    const moov = box('moov', mvhd(90000, 2 ** 33, 1), VIDEO_TRAK)
    const mdat = Buffer.concat([u32(0), Buffer.from('mdat'), zeros(64)])
    const info = await probeBytes(t, Buffer.concat([ftyp, moov, mdat]))
    assert.equal(info.duration, 2 ** 33 / 90000)
    assert.equal(info.fps, 29.97)
  })

  it('falls back to tkhd for the picture size when stsd has no entry', async (t) => {
    const video = box(
      'trak',
      tkhd(854, 480, 1),
      box('mdia', mdhd(25, 250), hdlr('vide'), box('minf', box('stbl', stsd(), stts([250, 1])))),
    )
    const info = await probeBytes(t, Buffer.concat([ftyp, box('moov', mvhd(1000, 10000), video)]))
    assert.deepEqual([info.width, info.height, info.fps, info.duration], [854, 480, 25, 10])
  })

  it('takes a fragmented file duration from mvex/mehd, else from the longest track', async (t) => {
    const fragmented = box(
      'moov',
      mvhd(1000, 0),
      box('mvex', full('mehd', 1, u64(7500))),
      trak({ handler: 'vide', timescale: 1000, duration: 0, stbl: [stsd(avc1(640, 360))] }),
    )
    const moof = box('moof', zeros(32))
    const withMehd = await probeBytes(t, Buffer.concat([ftyp, fragmented, moof, box('mdat')]))
    assert.deepEqual([withMehd.duration, withMehd.width, withMehd.fps], [7.5, 640, 0])

    const noMehd = box('moov', mvhd(1000, 0), AUDIO_TRAK, VIDEO_TRAK)
    assert.equal((await probeBytes(t, Buffer.concat([ftyp, noMehd]))).duration, 10.01)
  })

  it('refuses a file without moov, or with two', async (t) => {
    await assertInvalid(t, Buffer.concat([ftyp, box('mdat', zeros(100))]), /has no moov box/)
    await assertInvalid(t, Buffer.concat([ftyp, MOOV, MOOV]), /two moov boxes/)
    await assertInvalid(t, Buffer.concat([ftyp, box('moov', VIDEO_TRAK)]), /no mvhd box/)
  })

  it('refuses a moov-at-end file cut short, and trailing bytes too short for a header', async (t) => {
    const whole = Buffer.concat([ftyp, box('mdat', zeros(100)), MOOV])
    await assertInvalid(t, whole.subarray(0, whole.length - 10), /moov box runs past the end/)
    await assertInvalid(t, Buffer.concat([whole, zeros(4)]), /ends inside a box header/)
  })

  it('refuses impossible box sizes', async (t) => {
    const tiny = Buffer.concat([ftyp, u32(4), Buffer.from('free'), MOOV])
    await assertInvalid(t, tiny, /free box has an impossible size 4/)
    const huge = Buffer.concat([ftyp, u32(1), Buffer.from('mdat'), u64(2 ** 60), MOOV])
    await assertInvalid(t, huge, /mdat box is too large/)
    const child = box('moov', mvhd(1000, 1000), u32(4000), Buffer.from('trak'))
    await assertInvalid(t, Buffer.concat([ftyp, child]), /trak box runs past the end/)
  })

  it('refuses tables that claim more entries than their box holds', async (t) => {
    const lying = trak({
      handler: 'vide',
      timescale: 1000,
      duration: 1000,
      stbl: [stsd(avc1(2, 2)), full('stts', 0, u32(1_000_000), u32(1), u32(1))],
    })
    await assertInvalid(t, Buffer.concat([ftyp, box('moov', mvhd(1, 1), lying)]), /stts/)
    const shortMvhd = box('moov', full('mvhd', 0, zeros(8)))
    await assertInvalid(t, Buffer.concat([ftyp, shortMvhd]), /truncated box inside moov/)
  })
})
