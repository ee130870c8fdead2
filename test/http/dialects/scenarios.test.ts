// Runs the shared scenarios (scenarios.ts) through every registered dialect.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DIALECTS } from '../../../src/http/dialects/registry.ts'
import { FIXTURES } from './fixtures.ts'
import { runScenarios } from './scenarios.ts'

describe('dialect scenarios', () => {
  it('has a fixture for every registered dialect', () => {
    assert.deepEqual(
      FIXTURES.map((f) => f.dialect),
      DIALECTS.map((d) => d.name),
    )
  })
})

for (const fixture of FIXTURES)
  describe(`${fixture.dialect} dialect: shared scenarios`, () => runScenarios(fixture))
