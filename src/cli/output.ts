// What the CLI prints and how it ends: tables or JSON on stdout, `error[CODE]: message` on stderr,
// exit 0 (done), 1 (an AppError or a failure) or 2 (the command line itself is wrong).
import { ConfigError, EXIT_CODES, StartupError } from '../config/problems.ts'
import type { RuntimeOverrides } from '../compose.ts'
import { isAppError } from '../core/errors.ts'

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** The part of a Node stream the CLI writes to; tests pass a capture. */
export interface OutputStream {
  write(chunk: string): unknown
  readonly isTTY?: boolean
  readonly columns?: number
}

/** Everything a command touches outside itself; cli/main.ts fills it from the process. */
export interface CliIo {
  readonly stdout: OutputStream
  readonly stderr: OutputStream
  /** The environment configuration is read from (PLAYGATE_*). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Reads a text file (import fixtures, config files). */
  readonly readFile: (path: string) => string
  /** Test seam: clock, crypto, media probe for commands that build a runtime. */
  readonly overrides?: RuntimeOverrides
  /**
   * `serve` runs until this resolves (with the reason to log); it is called once the server
   * listens, with its URL. Default: until SIGINT or SIGTERM.
   */
  readonly untilStopped?: (url: string) => Promise<string>
  /** Where `serve` writes its JSON logs (stdout by default). */
  readonly logStream?: { write(chunk: string): unknown }
  /** Ends the process at once (`serve` on a second signal); absent in tests. */
  readonly exit?: (code: number) => void
}

/** A mistake on the command line: exit 2 and a pointer to the command's help. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly command: string | undefined
  constructor(message: string, command?: string) {
    super(message)
    this.command = command
  }
}

export function writeLine(stream: OutputStream, text = ''): void {
  stream.write(text + '\n')
}

export function printJson(io: CliIo, value: unknown): void {
  writeLine(io.stdout, JSON.stringify(value, null, 2))
}

export interface Column {
  readonly title: string
  readonly align?: 'left' | 'right'
}

/**
 * A plain-text table: upper-case headers, columns two spaces apart, no trailing spaces. Kept
 * hand-written: the output is byte-exact (scripts cut its columns; tests compare it whole), and
 * the table libraries draw borders (console.table, cli-table3) or are unmaintained (text-table).
 */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((c, i) =>
    Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? ''
        return c.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)
      })
      .join('  ')
      .trimEnd()
  return [line(columns.map((c) => c.title.toUpperCase())), ...rows.map(line)].join('\n')
}

export function printTable(
  io: CliIo,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): void {
  writeLine(io.stdout, formatTable(columns, rows))
}

/** `2026-01-01T00:00:00Z`: what a table shows of a time. */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Prints any failure in the CLI's error shape and returns the exit code it means. */
export function reportError(io: CliIo, error: unknown): number {
  if (error instanceof UsageError) {
    writeLine(io.stderr, `error[USAGE]: ${error.message}`)
    const help = error.command ? `playgate help ${error.command}` : 'playgate help'
    writeLine(io.stderr, `run "${help}" for usage`)
    return EXIT.usage
  }
  if (error instanceof ConfigError) {
    writeLine(io.stderr, 'error[INVALID_PARAMETER]: invalid configuration')
    for (const problem of error.problems) writeLine(io.stderr, `  ${problem}`)
    return EXIT_CODES.config
  }
  if (error instanceof StartupError) {
    const code = error.exitCode === EXIT_CODES.unavailable ? 'UNAVAILABLE' : 'INVALID_PARAMETER'
    writeLine(io.stderr, `error[${code}]: ${error.message}`)
    return error.exitCode
  }
  if (isAppError(error)) {
    writeLine(io.stderr, `error[${error.code}]: ${error.message}`)
    return EXIT.failed
  }
  const message = error instanceof Error ? error.message : String(error)
  writeLine(io.stderr, `error[INTERNAL]: ${message}`)
  return EXIT.failed
}

/** One entry of the command table (cli/commands.ts). */
export interface Command {
  /** `playgate help <command>`: the usage line and the command's own options. */
  readonly help: string
  run(args: readonly string[], io: CliIo): Promise<number>
}
