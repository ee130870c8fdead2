// Only configuration reads the environment: process.env appears in src/config, src/main.ts and
// src/cli/main.ts alone, so every behaviour has a setting and a test can set it.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, it } from 'node:test'

const SRC = resolve(import.meta.dirname, '../../src')
const ALLOWED = [/^config\//, /^main\.ts$/, /^cli\/main\.ts$/]

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* sourceFiles(path)
    else if (name.endsWith('.ts')) yield path
  }
}

describe('architecture: environment access', () => {
  it('reads process.env only in config and the composition roots', () => {
    const offenders = [...sourceFiles(SRC)]
      .map((file) => relative(SRC, file))
      .filter((file) => !ALLOWED.some((re) => re.test(file)))
      .filter((file) => /process\.env\b/.test(readFileSync(join(SRC, file), 'utf8')))
    assert.deepEqual(offenders, [])
  })

  it('never branches on NODE_ENV', () => {
    const offenders = [...sourceFiles(SRC)].filter((f) => /NODE_ENV/.test(readFileSync(f, 'utf8')))
    assert.deepEqual(
      offenders.map((f) => relative(SRC, f)),
      [],
    )
  })
})
