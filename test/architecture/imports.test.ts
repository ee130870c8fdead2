// The layer rules of CONVENTIONS §2, as data: which top-level folders of src/ each may import,
// and who may touch node:* or npm packages. Dependencies point down only.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, it } from 'node:test'

const SRC = resolve(import.meta.dirname, '../../src')

/** Layer → layers it may import. `*` = anything (composition roots). */
const MAY_IMPORT: Record<string, readonly string[] | '*'> = {
  core: ['core'],
  platform: ['core', 'platform'],
  config: ['core', 'config'],
  storage: ['core', 'config', 'storage'],
  services: ['core', 'storage', 'config', 'services'],
  http: ['core', 'config', 'services', 'http', 'edge'],
  edge: ['core', 'config', 'services', 'edge'],
  cli: ['core', 'config', 'storage', 'services', 'platform', 'cli', 'compose.ts', 'main.ts'],
  'compose.ts': '*',
  'main.ts': '*',
}

/** Layers allowed to use node:* built-ins. */
const NODE_BUILTINS = new Set([
  'platform',
  'storage',
  'http',
  'edge',
  'cli',
  'compose.ts',
  'main.ts',
])
/** Layers allowed npm packages (core is dependency-free). */
const NO_PACKAGES = new Set(['core'])

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* sourceFiles(path)
    else if (name.endsWith('.ts')) yield path
  }
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0]!

function specifiers(text: string): string[] {
  const found: string[] = []
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g
  for (const match of text.matchAll(pattern)) found.push((match[1] ?? match[2])!)
  return found
}

describe('architecture: imports', () => {
  const violations: string[] = []
  for (const file of sourceFiles(SRC)) {
    const layer = layerOf(file)
    const allowed = MAY_IMPORT[layer]
    assert.ok(allowed, `${relative(SRC, file)} is in no known layer (${layer})`)
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const where = `${relative(SRC, file)} imports ${spec}`
      if (spec.startsWith('node:')) {
        if (!NODE_BUILTINS.has(layer))
          violations.push(`${where}: node built-ins are not allowed in ${layer}`)
      } else if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec)
        if (!target.startsWith(SRC)) violations.push(`${where}: outside src/`)
        else if (allowed !== '*' && !allowed.includes(layerOf(target)))
          violations.push(`${where}: ${layer} may not import ${layerOf(target)}`)
      } else if (NO_PACKAGES.has(layer)) violations.push(`${where}: ${layer} takes no npm packages`)
      else if (/^(fs|path|crypto|http|https|os|url|stream|child_process)(\/|$)/.test(spec))
        violations.push(`${where}: use the node: protocol`)
    }
  }

  it('keeps every import edge within the layer table', () => {
    assert.deepEqual(violations, [])
  })
})
