// `playgate import FILE`: checks a whole fixture (docs/import.md), lists every problem with its
// path and exits 1 without writing; otherwise upserts it in one transaction and counts what
// changed. Progress goes to stderr for large files.
import { availableParallelism } from 'node:os'
import { AppError } from '../../core/errors.ts'
import { parseImportText, syntaxOf, type Problem } from '../../services/import-document.ts'
import {
  IMPORT_KINDS,
  ImportRejectedError,
  type ImportProgress,
  type ImportSummary,
} from '../../services/import.ts'
import { loadCliConfig, parseArgs, positionals } from '../args.ts'
import {
  EXIT,
  printJson,
  printTable,
  UsageError,
  writeLine,
  type CliIo,
  type Command,
} from '../output.ts'
import { createProgress } from '../progress.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const NAME = 'import'

/** From how many steps a phase shows progress: probing media is slow, writing rows is not. */
export const LARGE = { check: 20, write: 200 } as const
const LABELS = { check: 'checking media', write: 'writing' } as const

const OPTIONS = {
  check: {
    type: 'boolean',
    help: 'only check the file (schema, references, media); write nothing',
  },
  jobs: {
    type: 'string',
    value: 'N',
    help: 'media files probed at once (default: the number of CPUs)',
  },
} as const

export const importCommand: Command = {
  help: helpText(
    NAME,
    'FILE',
    OPTIONS,
    'Upserts tenants, access keys, play domains, videos with streams and passwords, and DingTalk\n' +
      'data from FILE (.json is read as JSON, anything else as YAML). The whole file is checked\n' +
      'first; with any problem nothing is written. Importing the same file again changes nothing.\n' +
      'The format is described in docs/import.md.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, OPTIONS, NAME)
    const [file] = positionals(parsed, ['FILE'], NAME) as [string]
    const config = loadCliConfig(io, parsed)
    const json = parsed.options.json === true
    const probeConcurrency = jobsOption(parsed.options.jobs)

    let text: string
    try {
      text = io.readFile(file)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      const why = typeof code === 'string' ? code : 'unreadable'
      throw new AppError('NOT_FOUND', `cannot read ${file} (${why})`)
    }
    const document = parseImportText(text, syntaxOf(file))
    if (!document.ok) return reportProblems(io, file, document.problems, json)

    return withRuntime(io, config, async (runtime) => {
      const importer = runtime.services.importer
      const progress = createProgress(io.stderr, 0, io.overrides?.clock)
      const onProgress = (p: ImportProgress) => {
        if (p.total >= LARGE[p.phase]) progress.update(LABELS[p.phase], p.done, p.total)
      }

      if (parsed.options.check) {
        const problems = await importer.validate(document.value, { onProgress, probeConcurrency })
        if (problems.length > 0) return reportProblems(io, file, problems, json)
        if (json) printJson(io, { problems: [] })
        else writeLine(io.stdout, `${file}: no problems`)
        return EXIT.ok
      }

      let summary: ImportSummary
      try {
        summary = await importer.apply(document.value, { onProgress, probeConcurrency })
      } catch (error) {
        if (error instanceof ImportRejectedError)
          return reportProblems(io, file, [...error.problems], json)
        throw error
      }
      if (json) printJson(io, { summary })
      else printSummary(io, file, summary)
      return EXIT.ok
    })
  },
}

/** `--jobs N`: 1–64 probes at once; the machine's CPUs when absent. */
function jobsOption(value: string | boolean | undefined): number {
  if (value === undefined) return availableParallelism()
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new UsageError(`--jobs must be a whole number from 1 to 64, not ${String(value)}`, NAME)
  return n
}

function reportProblems(io: CliIo, file: string, problems: Problem[], json: boolean): number {
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`
  writeLine(io.stderr, `error[INVALID_PARAMETER]: ${file} has ${count}; nothing was imported`)
  for (const p of problems)
    writeLine(io.stderr, `  ${p.path === '' ? '' : `${p.path}: `}${p.message}`)
  if (json) printJson(io, { problems })
  return EXIT.failed
}

function printSummary(io: CliIo, file: string, summary: ImportSummary): void {
  const total = { created: 0, updated: 0, unchanged: 0 }
  const rows = IMPORT_KINDS.map((kind) => {
    const c = summary[kind]
    total.created += c.created
    total.updated += c.updated
    total.unchanged += c.unchanged
    return [kind, String(c.created), String(c.updated), String(c.unchanged)]
  })
  const right = { align: 'right' } as const
  printTable(
    io,
    [
      { title: 'kind' },
      { title: 'created', ...right },
      { title: 'updated', ...right },
      { title: 'unchanged', ...right },
    ],
    rows,
  )
  writeLine(
    io.stdout,
    `imported ${file}: ${total.created} created, ${total.updated} updated, ${total.unchanged} unchanged`,
  )
}
