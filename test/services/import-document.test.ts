// Reading import files: JSON and YAML text, their syntax errors as problems with a position, and
// the path notation every problem uses.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseImportText, syntaxOf, toProblemPath } from '../../src/services/import-document.ts'

describe('parseImportText', () => {
  it('reads YAML 1.2: times stay strings, so the schema decides what a time is', () => {
    const parsed = parseImportText('tenants:\n  - id: tn_a\n    at: 2026-01-05T09:00:00Z\n', 'yaml')
    assert.deepEqual(parsed, {
      ok: true,
      value: { tenants: [{ id: 'tn_a', at: '2026-01-05T09:00:00Z' }] },
    })
  })

  it('reports YAML syntax errors and duplicate keys with their line and column', () => {
    assert.deepEqual(parseImportText('tenants: []\ntenants: []\n', 'yaml'), {
      ok: false,
      problems: [
        { path: '', message: 'not valid YAML: line 2, column 1: Map keys must be unique' },
      ],
    })
    const unclosed = parseImportText('tenants: [\n', 'yaml')
    assert.equal(unclosed.ok, false)
    assert.match(
      unclosed.ok ? '' : unclosed.problems[0]!.message,
      /^not valid YAML: line 2, column 1: /,
    )
  })

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i)
      const next = String.fromCharCode(98 + i)
      bomb.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`)
    }
    const parsed = parseImportText(bomb.join('\n'), 'yaml')
    assert.equal(parsed.ok, false)
  })

  it('reads JSON as JSON and says what breaks it', () => {
    assert.deepEqual(parseImportText('{"tenants":[]}', 'json'), {
      ok: true,
      value: { tenants: [] },
    })
    const broken = parseImportText('{"tenants":[}', 'json')
    assert.equal(broken.ok, false)
    assert.match(broken.ok ? '' : broken.problems[0]!.message, /^not valid JSON: Unexpected token/)
  })
})

describe('syntaxOf', () => {
  it('takes .json files and JSON content types as JSON, everything else as YAML', () => {
    assert.equal(syntaxOf('fixture.json'), 'json')
    assert.equal(syntaxOf('application/json; charset=utf-8'), 'json')
    assert.equal(syntaxOf('application/vnd.api+json'), 'json')
    assert.equal(syntaxOf('fixture.yaml'), 'yaml')
    assert.equal(syntaxOf('text/yaml'), 'yaml')
  })
})

describe('toProblemPath', () => {
  it('writes JSON pointers the way people read paths', () => {
    assert.equal(
      toProblemPath('/tenants/0/videos/2/streams/0/location'),
      'tenants[0].videos[2].streams[0].location',
    )
    assert.equal(toProblemPath(''), '')
    assert.equal(
      toProblemPath('/tenants/0/videos/1/settings/a~1b c'),
      'tenants[0].videos[1].settings["a/b c"]',
    )
  })
})
