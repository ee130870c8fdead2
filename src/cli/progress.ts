// Progress of a long command on stderr: a redrawn bar on a terminal, a few plain lines when
// stderr is a file or a pipe (logs stay readable), nothing for small jobs. Each shows the count,
// the rate so far and the time left at that rate, once any time has passed. Hand-written: a
// progress library would bring its own terminal handling for these few lines.
import type { Clock } from '../core/ports.ts'
import { writeLine, type OutputStream } from './output.ts'

const BAR_WIDTH = 30

export interface ProgressReporter {
  update(label: string, done: number, total: number): void
}

/** `12/s, ETA 3m05s`; empty until time has passed and something is done. */
export function rateAndEta(done: number, total: number, elapsedMs: number): string {
  if (elapsedMs <= 0 || done === 0) return ''
  const perSecond = (done * 1000) / elapsedMs
  const rate = perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1)
  if (done >= total) return `${rate}/s, ${duration(elapsedMs)}`
  return `${rate}/s, ETA ${duration(((total - done) / perSecond) * 1000)}`
}

function duration(ms: number): string {
  const s = Math.ceil(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

/** `minTotal`: jobs with fewer steps finish too fast to need progress. */
export function createProgress(
  stream: OutputStream,
  minTotal = 0,
  clock: Clock = { now: () => Date.now() },
): ProgressReporter {
  let lastLabel = ''
  let lastShown = -1
  let startedAt = 0
  return {
    update(label, done, total) {
      if (total < minTotal || total === 0) return
      if (label !== lastLabel) {
        lastLabel = label
        lastShown = -1
        startedAt = clock.now()
      }
      const speed = rateAndEta(done, total, clock.now() - startedAt)
      if (stream.isTTY) {
        // One frame per percent: a 100 000-record import does not write 100 000 frames.
        const percent = Math.floor((done / total) * 100)
        if (percent === lastShown && done !== total) return
        lastShown = percent
        const filled = Math.round((done / total) * BAR_WIDTH)
        const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled)
        // Cleared to the end of the line: a shorter frame leaves nothing of a longer one.
        const tail = speed === '' ? '' : `  ${speed}\x1b[K`
        stream.write(`\r${label} [${bar}] ${done}/${total}${tail}`)
        if (done === total) stream.write('\n')
        return
      }
      // Plain lines at 0, 25, 50, 75 and 100 %.
      const quarter = Math.floor((done / total) * 4)
      if (quarter === lastShown) return
      lastShown = quarter
      writeLine(stream, `${label}: ${done}/${total}${speed === '' ? '' : ` (${speed})`}`)
    },
  }
}
