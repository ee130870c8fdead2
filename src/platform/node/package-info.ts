// This package's name and version, read from package.json (the same relative path from src/ and
// dist/), for --version, the start-up banner and the OpenAPI document.
import { readFileSync } from 'node:fs'

const PACKAGE_JSON = new URL('../../../package.json', import.meta.url)

let cached: { name: string; version: string } | undefined

export function packageInfo(): { name: string; version: string } {
  if (!cached) {
    const json = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as Record<string, unknown>
    cached = {
      name: typeof json.name === 'string' ? json.name : 'playgate',
      version: typeof json.version === 'string' ? json.version : '0.0.0',
    }
  }
  return cached
}
