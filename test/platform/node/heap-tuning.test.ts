import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { flagName, servingHeapFlags } from '../../../src/platform/node/heap-tuning.ts'

describe('heap tuning for serve', () => {
  it('names a flag by its setting, whatever its spelling', () => {
    assert.equal(flagName('--no-allocation-site-pretenuring'), 'allocation-site-pretenuring')
    assert.equal(flagName('--allocation_site_pretenuring'), 'allocation-site-pretenuring')
    assert.equal(flagName('--heap-growing-percent=50'), 'heap-growing-percent')
    assert.equal(flagName('--heap_growing_percent=10'), 'heap-growing-percent')
  })

  it('sets both flags when the operator chose neither', () => {
    assert.deepEqual(servingHeapFlags(['--enable-source-maps', '']), [
      '--no-allocation-site-pretenuring',
      '--heap-growing-percent=50',
    ])
  })

  it('leaves a setting the operator chose, in either direction', () => {
    assert.deepEqual(servingHeapFlags(['--allocation-site-pretenuring']), [
      '--heap-growing-percent=50',
    ])
    assert.deepEqual(servingHeapFlags(['--heap_growing_percent=100']), [
      '--no-allocation-site-pretenuring',
    ])
  })

  it('ignores what is not a flag (a script path, an empty NODE_OPTIONS)', () => {
    assert.equal(servingHeapFlags(['heap-growing-percent', '', 'bin/playgate.js']).length, 2)
  })
})
