// Reading import files: JSON and YAML text, their syntax errors as problems with a position, and
// the path notation every problem uses.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseImportText, syntaxOf, toProblemPath } from '../../src/services/import-document.ts'
import { IMPORT_LIMITS } from '../../src/services/import-limits.ts'

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

// Regression #14: deep nesting overflowed the stack (then the heap), and many keys parsed in
// quadratic time; the shape is now measured in one linear pass before anything is built.
describe('parseImportText limits', () => {
  const deeper = IMPORT_LIMITS.maxDepth + 1
  const tooManyKeys = `a mapping has more than ${IMPORT_LIMITS.maxKeys} keys`
  const only = (text: string, syntax: 'json' | 'yaml') => {
    const parsed = parseImportText(text, syntax)
    assert.equal(parsed.ok, false)
    return parsed.ok ? [] : parsed.problems
  }

  it('refuses block sequences nested 5,000 deep, every time, without overflowing', () => {
    const text = '- '.repeat(5000) + 'x\n'
    for (let i = 0; i < 2; i++)
      assert.deepEqual(only(text, 'yaml'), [
        { path: '', message: `nested deeper than ${IMPORT_LIMITS.maxDepth} levels` },
      ])
  })

  it('refuses 20,000 nested [ and { in YAML and JSON', () => {
    for (const open of ['[', '{"a":'])
      for (const syntax of ['yaml', 'json'] as const)
        assert.deepEqual(only(open.repeat(20_000), syntax), [
          { path: '', message: `nested deeper than ${IMPORT_LIMITS.maxDepth} levels` },
        ])
  })

  it('takes nesting up to the limit', () => {
    const json = '['.repeat(IMPORT_LIMITS.maxDepth) + ']'.repeat(IMPORT_LIMITS.maxDepth)
    assert.equal(parseImportText(json, 'json').ok, true)
    assert.equal(parseImportText('- '.repeat(IMPORT_LIMITS.maxDepth) + 'x\n', 'yaml').ok, true)
    assert.equal(only('['.repeat(deeper) + ']'.repeat(deeper), 'json').length, 1)
  })

  it('refuses a mapping with more keys than the limit, in YAML and JSON', () => {
    const n = IMPORT_LIMITS.maxKeys + 1
    const yaml = Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n')
    const json = `{${Array.from({ length: n }, (_, i) => `"k${i}":1`).join(',')}}`
    const problem = { path: '', message: `a mapping has more than ${IMPORT_LIMITS.maxKeys} keys` }
    assert.deepEqual(only(yaml, 'yaml'), [problem])
    assert.deepEqual(only(json, 'json'), [problem])
    // The 20,000-key mapping of the report, at the default limit.
    assert.deepEqual(
      only(Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n'), 'yaml'),
      [problem],
    )
  })

  it('finds duplicate keys in one linear pass, at the first repeat', () => {
    const unique = {
      path: '',
      message: 'not valid YAML: line 3, column 1: Map keys must be unique',
    }
    const many = 'k: v\n'.repeat(IMPORT_LIMITS.maxKeys - 1)
    assert.deepEqual(only('tenants: []\n' + many, 'yaml'), [unique])
    // The report's 100,000 duplicates (600 KB) stop at the key limit.
    assert.equal(only('k: v\n'.repeat(100_000), 'yaml')[0]?.message, tooManyKeys)
    assert.deepEqual(only('tenants: []\na: 1\n"a": 2\n', 'yaml'), [unique])
    assert.deepEqual(only("tenants: []\nx: {a: 1, 'a': 2}\n", 'yaml').length, 1)
  })

  it('refuses more values than the limit', () => {
    const limits = { ...IMPORT_LIMITS, maxNodes: 1000 }
    const problem = { path: '', message: 'more than 1000 values' }
    const list = `[${'1,'.repeat(1000)}1]`
    assert.deepEqual(parseImportText(list, 'json', limits), { ok: false, problems: [problem] })
    assert.deepEqual(parseImportText(list, 'yaml', limits), { ok: false, problems: [problem] })
    const block = '- a: 1\n  b: 2\n'.repeat(400)
    assert.deepEqual(parseImportText(block, 'yaml', limits), { ok: false, problems: [problem] })
    assert.equal(parseImportText(`[${'1,'.repeat(998)}1]`, 'json', limits).ok, true)
  })

  it('keeps strings with brackets and escaped quotes out of the count', () => {
    const json = JSON.stringify({ tenants: [], note: '[[[{{{ \\" ' + '['.repeat(1000) })
    assert.equal(parseImportText(json, 'json').ok, true)
    const yaml = `tenants: []\nnote: "${'['.repeat(1000)}"\nother: '{{{'\n`
    assert.equal(parseImportText(yaml, 'yaml').ok, true)
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
