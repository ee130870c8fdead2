// ffprobe, run as a child process with a timeout, and the few numbers read from its JSON.
import { execFile } from 'node:child_process'
import { AppError } from '../../core/errors.ts'

export interface FfprobeSummary {
  duration: number
  width: number
  height: number
  fps: number
}

export function run(file: string, args: string[], timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout)
        if (error.code === 'ENOENT') {
          return reject(new AppError('UNAVAILABLE', `${file} is not installed`, { cause: error }))
        }
        if (error.killed) {
          return reject(new AppError('UNAVAILABLE', `ffprobe timed out after ${timeout} ms`))
        }
        const why = stderr.trim().split('\n').pop()?.slice(0, 200) ?? ''
        reject(new AppError('INVALID_PARAMETER', `ffprobe cannot read the media: ${why}`))
      },
    )
  })
}

export function summarize(json: string): FfprobeSummary {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch (cause) {
    throw new AppError('INVALID_PARAMETER', 'ffprobe printed no JSON', { cause })
  }
  const root = record(data)
  const streams = Array.isArray(root.streams) ? root.streams.map(record) : []
  const video = streams.find(
    (s) => s.codec_type === 'video' && record(s.disposition).attached_pic !== 1,
  )
  const durations = [record(root.format).duration, ...streams.map((s) => s.duration)]
  return {
    duration: durations.map(num).find((d) => d > 0) ?? 0,
    width: num(video?.width),
    height: num(video?.height),
    fps: rate(video?.avg_frame_rate) || rate(video?.r_frame_rate),
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}

function num(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
  return Number.isFinite(n) && n > 0 ? n : 0
}

function rate(value: unknown): number {
  const m = typeof value === 'string' ? /^(\d+)\/(\d+)$/.exec(value) : null
  return m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : 0
}
