// Builds the web console and player page (web/) into web/dist with esbuild: ES modules, hls.js
// split into its own chunk (loaded only to play HLS), minified, with .gz copies served to
// browsers that accept gzip. `--if-stale` skips the build when web/dist is newer than its inputs.
import { build } from 'esbuild'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const WEB = join(ROOT, 'web')
export const WEB_DIST = join(WEB, 'dist')
/** Written last: its presence and time say a build finished. */
const STAMP = '.built'
/** Each HTML page is web/page.html filled with its name and its entry point's files. */
const PAGES = [
  { file: 'index.html', name: 'console', entry: 'console' },
  { file: 'watch.html', name: 'player', entry: 'watch' },
] as const

export interface WebBuild {
  /** Each file written (not the .gz copies), with its size and gzip size in bytes. */
  readonly files: { name: string; bytes: number; gzipBytes: number }[]
  readonly milliseconds: number
}

function newest(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let latest = stat.mtimeMs
  for (const name of readdirSync(path))
    if (name !== 'dist') latest = Math.max(latest, newest(join(path, name)))
  return latest
}

/** True when web/dist is missing or older than web/ or the lockfile (new library versions). */
export function webIsStale(): boolean {
  const stamp = join(WEB_DIST, STAMP)
  if (!existsSync(stamp)) return true
  const lock = join(ROOT, 'package-lock.json')
  const inputs = Math.max(newest(WEB), existsSync(lock) ? statSync(lock).mtimeMs : 0)
  return statSync(stamp).mtimeMs < inputs
}

export async function buildWeb(options: { outdir?: string } = {}): Promise<WebBuild> {
  const started = performance.now()
  const outdir = options.outdir ?? WEB_DIST
  rmSync(outdir, { recursive: true, force: true })
  mkdirSync(outdir, { recursive: true })
  await build({
    absWorkingDir: ROOT,
    entryPoints: { console: 'web/src/console/main.tsx', watch: 'web/src/watch/main.tsx' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    chunkNames: 'chunk-[hash]',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: 'web/tsconfig.json',
    logLevel: 'warning',
  })
  const template = readFileSync(join(WEB, 'page.html'), 'utf8')
  for (const page of PAGES)
    writeFileSync(
      join(outdir, page.file),
      template.replaceAll('{{name}}', page.name).replaceAll('{{entry}}', page.entry),
    )
  copyFileSync(join(WEB, 'favicon.svg'), join(outdir, 'favicon.svg'))
  const files = readdirSync(outdir)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(outdir, name))
      const gzipped = gzipSync(bytes, { level: 9 })
      writeFileSync(join(outdir, `${name}.gz`), gzipped)
      return { name, bytes: bytes.length, gzipBytes: gzipped.length }
    })
  writeFileSync(join(outdir, STAMP), new Date().toISOString() + '\n')
  return { files, milliseconds: Math.round(performance.now() - started) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifStale = process.argv.includes('--if-stale')
  if (ifStale && !webIsStale()) process.exit(0)
  const result = await buildWeb()
  const total = result.files.reduce((sum, f) => sum + f.bytes, 0)
  const gzip = result.files.reduce((sum, f) => sum + f.gzipBytes, 0)
  process.stdout.write(
    `web: built ${result.files.length} files into web/dist in ${result.milliseconds} ms ` +
      `(${Math.round(total / 1024)} KiB, ${Math.round(gzip / 1024)} KiB gzipped)\n`,
  )
}
