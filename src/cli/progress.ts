// Progress of a long command on stderr: a redrawn bar on a terminal, a few plain lines when
// stderr is a file or a pipe (logs stay readable), nothing for small jobs.
import { writeLine, type OutputStream } from './output.ts'

const BAR_WIDTH = 30

export interface ProgressReporter {
  update(label: string, done: number, total: number): void
}

/** `minTotal`: jobs with fewer steps finish too fast to need progress. */
export function createProgress(stream: OutputStream, minTotal = 0): ProgressReporter {
  let lastLabel = ''
  let lastShown = -1
  return {
    update(label, done, total) {
      if (total < minTotal || total === 0) return
      if (label !== lastLabel) {
        lastLabel = label
        lastShown = -1
      }
      if (stream.isTTY) {
        // One frame per percent: a 100 000-record import does not write 100 000 frames.
        const percent = Math.floor((done / total) * 100)
        if (percent === lastShown && done !== total) return
        lastShown = percent
        const filled = Math.round((done / total) * BAR_WIDTH)
        const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled)
        stream.write(`\r${label} [${bar}] ${done}/${total}`)
        if (done === total) stream.write('\n')
        return
      }
      // Plain lines at 0, 25, 50, 75 and 100 %.
      const quarter = Math.floor((done / total) * 4)
      if (quarter === lastShown) return
      lastShown = quarter
      writeLine(stream, `${label}: ${done}/${total}`)
    },
  }
}
