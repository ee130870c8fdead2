// What can be wrong with configuration, and how settings are named in messages: ConfigError (bad
// values, every problem at once) and StartupError (a valid value that does not work here: a busy
// port, an unwritable data dir, a database or Redis that does not answer), each with its exit code
// (docs/operations.md). Free of TypeBox, so the CLI can report errors without loading the schema.

export const ENV_PREFIX = 'PLAYGATE_'

/** `http.publicUrl` ↔ `PLAYGATE_HTTP_PUBLIC_URL`. */
export function envName(path: readonly string[]): string {
  return (
    ENV_PREFIX +
    path
      .map((p) => p.replace(/[A-Z]/g, (c) => '_' + c))
      .join('_')
      .toUpperCase()
  )
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.problems = problems
  }
}

/** Exit codes of `playgate` and `npm start` (sysexits.h where one fits). */
export const EXIT_CODES = {
  /** Done; or the server stopped after a signal and drained. */
  ok: 0,
  /** A failed command, or an unexpected error (a bug). */
  failed: 1,
  /** The command line itself is wrong. */
  usage: 2,
  /** A dependency (database, Redis) is unreachable: retrying later may work. EX_UNAVAILABLE. */
  unavailable: 69,
  /** A setting is invalid, or its value does not work here (busy port, unwritable dir). EX_CONFIG. */
  config: 78,
} as const

export class StartupError extends Error {
  override readonly name = 'StartupError'
  /** The dotted setting to change (`http.port`). */
  readonly setting: string
  readonly exitCode: number

  constructor(
    setting: string,
    message: string,
    options: { exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.setting = setting
    this.exitCode = options.exitCode ?? EXIT_CODES.config
  }
}

/** `http.port (PLAYGATE_HTTP_PORT, --http-port)`: how to name a setting in a message. */
export function settingNames(dotted: string): string {
  const path = dotted.split('.')
  const flag = path.map((p) => p.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join('-')
  return `${dotted} (${envName(path)}, --${flag})`
}
