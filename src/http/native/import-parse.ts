// Parses import documents for POST /v1/import: small ones inline, large ones on a worker thread
// with a time limit and its own heap, so a hostile or huge file can neither stall the event loop
// that serves playback nor take the process down with it.
import { Worker } from 'node:worker_threads'
import type { ParsedText } from '../../services/import-document.ts'
import { parseImportText } from '../../services/import-document.ts'

export interface ImportParserOptions {
  /** From this many characters a document is parsed on a worker. */
  readonly offThreadFromChars?: number
  readonly timeoutMs?: number
  /** The worker's old-generation heap. */
  readonly heapMb?: number
  /** Workers parsing at once; more wait their turn. */
  readonly maxWorkers?: number
  /** The module whose `parseImportText` the worker runs (tests swap it). */
  readonly module?: URL
}

export const IMPORT_PARSE_DEFAULTS = {
  offThreadFromChars: 64 * 1024,
  timeoutMs: 30_000,
  heapMb: 1024,
  maxWorkers: 2,
} as const

export interface ImportParser {
  parse(text: string, syntax: 'json' | 'yaml'): Promise<ParsedText>
  /** How many documents went to a worker (for tests and metrics). */
  offThreadCount(): number
}

// Run from src/ (tsx) or from the compiled dist/: the sibling module has this file's extension.
const EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js'
const DOCUMENT_MODULE = new URL(`../../services/import-document${EXTENSION}`, import.meta.url)

// The worker starts without the parent's loader flags; it registers tsx itself when it has to
// load TypeScript (`playgate` registers tsx through its API, which workers do not inherit).
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads')
;(async () => {
  if (workerData.module.endsWith('.ts')) (await import(workerData.tsx)).register()
  const { parseImportText } = await import(workerData.module)
  parentPort.postMessage(parseImportText(workerData.text, workerData.syntax))
})()
`

const problem = (message: string): ParsedText => ({ ok: false, problems: [{ path: '', message }] })

export function createImportParser(options: ImportParserOptions = {}): ImportParser {
  const settings = { ...IMPORT_PARSE_DEFAULTS, ...options }
  const module = (options.module ?? DOCUMENT_MODULE).href
  let offThread = 0
  let running = 0
  const waiting: Array<() => void> = []

  const onWorker = (text: string, syntax: 'json' | 'yaml') =>
    new Promise<ParsedText>((resolve) => {
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        execArgv: [],
        workerData: { module, tsx: import.meta.resolve('tsx/esm/api'), text, syntax },
        resourceLimits: { maxOldGenerationSizeMb: settings.heapMb, stackSizeMb: 4 },
      })
      let settled = false
      const settle = (result: ParsedText) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        void worker.terminate()
        resolve(result)
      }
      const timer = setTimeout(
        () => settle(problem(`took longer than ${settings.timeoutMs / 1000} s to parse`)),
        settings.timeoutMs,
      )
      worker.on('message', (result: ParsedText) => settle(result))
      worker.on('error', (error: Error & { code?: string }) =>
        settle(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? problem(`too large to parse in ${settings.heapMb} MB`)
            : problem(`could not be parsed (${error.code ?? error.name})`),
        ),
      )
      worker.on('exit', () => settle(problem('could not be parsed (the parser stopped)')))
    })

  return {
    async parse(text, syntax) {
      if (text.length < settings.offThreadFromChars) return parseImportText(text, syntax)
      offThread++
      if (running >= settings.maxWorkers) await new Promise<void>((go) => waiting.push(go))
      running++
      try {
        return await onWorker(text, syntax)
      } finally {
        running--
        waiting.shift()?.()
      }
    },
    offThreadCount: () => offThread,
  }
}
