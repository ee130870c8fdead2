// Parsing large import documents on a worker thread: the event loop that serves playback keeps
// turning meanwhile, and a parse that runs too long or out of memory is a problem, not a crash.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createImportParser } from '../../../src/http/native/import-parse.ts'
import { parseImportText } from '../../../src/services/import-document.ts'

const bigYaml = () =>
  'tenants:\n' +
  Array.from({ length: 3000 }, (_, i) => `  - id: tn_${i}\n    name: Tenant ${i}\n`).join('')

describe('import parser', () => {
  it('parses a large document on a worker while the event loop keeps turning', async () => {
    const parser = createImportParser({ offThreadFromChars: 1024 })
    const text = bigYaml()
    let turns = 0
    const ticker = setInterval(() => turns++, 0)
    const parsed = await parser.parse(text, 'yaml').finally(() => clearInterval(ticker))
    assert.deepEqual(parsed, parseImportText(text, 'yaml'))
    assert.ok(turns > 0, 'the event loop turned while the document was parsed')
    assert.equal(parser.offThreadCount(), 1)
  })

  it('parses a small document inline, and refuses deep nesting either way', async () => {
    const parser = createImportParser({ offThreadFromChars: 1024 })
    assert.deepEqual(await parser.parse('tenants: []\n', 'yaml'), {
      ok: true,
      value: { tenants: [] },
    })
    const deep = '- '.repeat(5000) + 'x\n'
    for (let i = 0; i < 2; i++)
      assert.deepEqual(await parser.parse(deep, 'yaml'), {
        ok: false,
        problems: [{ path: '', message: 'nested deeper than 64 levels' }],
      })
    assert.equal(parser.offThreadCount(), 2)
  })

  it('stops a parse that runs longer than its time limit', async () => {
    const parser = createImportParser({
      offThreadFromChars: 0,
      timeoutMs: 200,
      module: new URL('./fixtures/parse-forever.ts', import.meta.url),
    })
    assert.deepEqual(await parser.parse('tenants: []', 'yaml'), {
      ok: false,
      problems: [{ path: '', message: 'took longer than 0.2 s to parse' }],
    })
  })

  it('survives a parse that runs out of memory', async () => {
    const parser = createImportParser({
      offThreadFromChars: 0,
      heapMb: 32,
      module: new URL('./fixtures/parse-hungry.ts', import.meta.url),
    })
    assert.deepEqual(await parser.parse('tenants: []', 'yaml'), {
      ok: false,
      problems: [{ path: '', message: 'too large to parse in 32 MB' }],
    })
  })
})
