// docs/errors.md and docs/config.md are generated from code; this fails when they drift.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { DOCS } from '../../scripts/render-docs.ts'

describe('architecture: generated docs', () => {
  for (const [path, render] of Object.entries(DOCS)) {
    it(`${path} matches the code (run npm run docs)`, () => {
      const committed = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
      assert.equal(committed, render())
    })
  }
})
