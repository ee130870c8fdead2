// Preloaded (`--import`) after tsx in a bench's server process: the repository's src/*.ts modules
// resolve to their compiled dist/*.js, so the server runs the JavaScript `npm start` runs (without
// tsx's transpiled sources and source maps in its memory), while the bench's own .ts files still
// load through tsx. The caller builds dist/ first (bin/build.js).
import { register } from 'node:module'
import { isMainThread } from 'node:worker_threads'

const SRC = new URL('../src/', import.meta.url).href
const DIST = new URL('../dist/', import.meta.url).href

// The hooks run on a thread of their own, which loads this file again: register only once.
if (isMainThread) register(import.meta.url)

type Resolve = (
  specifier: string,
  context: object,
) => Promise<{ url: string; format?: string | null }>

export async function resolve(specifier: string, context: object, next: Resolve) {
  const resolved = await next(specifier, context)
  if (!resolved.url.startsWith(SRC) || !resolved.url.endsWith('.ts')) return resolved
  return { ...resolved, url: `${DIST}${resolved.url.slice(SRC.length, -3)}.js`, format: 'module' }
}
