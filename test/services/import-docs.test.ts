// docs/import.md shows examples/fixture.yaml in full; this keeps the two identical.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { FIXTURE_PATH, REPO } from './import-harness.ts'

describe('docs/import.md', () => {
  it('shows the committed example fixture, byte for byte', () => {
    const doc = readFileSync(join(REPO, 'docs/import.md'), 'utf8')
    const section = doc.slice(doc.indexOf('## Full example'))
    const block = /```yaml\n([\s\S]*?)```/.exec(section)
    assert.ok(block, 'no yaml block under "## Full example"')
    assert.equal(block[1], readFileSync(FIXTURE_PATH, 'utf8'))
  })
})
