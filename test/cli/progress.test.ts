// The CLI progress reporter: count, rate and time left, redrawn on a terminal, in plain lines
// elsewhere; nothing about speed before any time has passed.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fixedClock } from '../../src/core/ports.ts'
import { createProgress, rateAndEta } from '../../src/cli/progress.ts'

function capture(isTTY: boolean) {
  let text = ''
  return { isTTY, write: (chunk: string) => void (text += chunk), text: () => text }
}

describe('cli progress', () => {
  it('words rate and time left', () => {
    assert.equal(rateAndEta(0, 10, 1000), '')
    assert.equal(rateAndEta(5, 10, 0), '')
    assert.equal(rateAndEta(3, 300, 1000), '3.0/s, ETA 1m39s')
    assert.equal(rateAndEta(50, 100, 2000), '25/s, ETA 2s')
    assert.equal(rateAndEta(1, 10_000, 1000), '1.0/s, ETA 2h46m')
    assert.equal(rateAndEta(100, 100, 4000), '25/s, 4s')
  })

  it('draws count, rate and ETA on a terminal', () => {
    const clock = fixedClock(0)
    const stream = capture(true)
    const progress = createProgress(stream, 0, clock)
    progress.update('checking media', 0, 4)
    clock.advance(500)
    progress.update('checking media', 1, 4)
    clock.advance(1500)
    progress.update('checking media', 4, 4)
    assert.deepEqual(stream.text().split('\r').slice(1), [
      `checking media [${'-'.repeat(30)}] 0/4`,
      `checking media [${'#'.repeat(8)}${'-'.repeat(22)}] 1/4  2.0/s, ETA 2s\x1b[K`,
      `checking media [${'#'.repeat(30)}] 4/4  2.0/s, 2s\x1b[K\n`,
    ])
  })

  it('writes plain lines with the rate when stderr is not a terminal', () => {
    const clock = fixedClock(0)
    const stream = capture(false)
    const progress = createProgress(stream, 0, clock)
    for (let done = 0; done <= 8; done++) {
      progress.update('writing', done, 8)
      clock.advance(250)
    }
    assert.equal(
      stream.text(),
      'writing: 0/8\n' +
        'writing: 2/8 (4.0/s, ETA 2s)\n' +
        'writing: 4/8 (4.0/s, ETA 1s)\n' +
        'writing: 6/8 (4.0/s, ETA 1s)\n' +
        'writing: 8/8 (4.0/s, 2s)\n',
    )
  })
})
