// Command-line arguments: a command's own options, the options every command takes (--json,
// --config, -h), and any setting of docs/config.md as a flag (`--data-dir ./x`, `--http.port=9`),
// which goes on to loadConfig so flags beat PLAYGATE_* variables.
import { listSettings, loadConfig, type Setting } from '../config/load.ts'
import type { Config } from '../config/schema.ts'
import { COMMON_OPTIONS, type OptionSpecs } from './options.ts'
import { UsageError, type CliIo } from './output.ts'

export { COMMON_OPTIONS, type OptionSpecs }

export interface ParsedArgs {
  readonly positionals: string[]
  readonly options: Readonly<Record<string, string | boolean | undefined>>
  /** Configuration flags, normalised to `--name=value`, for loadConfig. */
  readonly configArgv: string[]
}

const kebab = (path: readonly string[]) =>
  path.map((p) => p.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join('-')

function settingFor(name: string): Setting | undefined {
  return listSettings().find((s) => s.path.join('.') === name || kebab(s.path) === name)
}

export function parseArgs(args: readonly string[], own: OptionSpecs, command: string): ParsedArgs {
  const specs: OptionSpecs = { ...COMMON_OPTIONS, ...own }
  const positionals: string[] = []
  const options: Record<string, string | boolean> = {}
  const configArgv: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      positionals.push(...args.slice(i + 1))
      break
    }
    if (arg === '-h') {
      options.help = true
      continue
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`, command)
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined
    const spec = specs[name]
    const setting = spec ? undefined : settingFor(name)
    if (!spec && !setting) throw new UsageError(`unknown option --${name}`, command)
    const isBoolean = spec ? spec.type === 'boolean' : setting!.schema.type === 'boolean'
    let value: string | boolean
    if (inline !== undefined) value = isBoolean ? parseBoolean(name, inline, command) : inline
    else if (isBoolean) value = true
    else {
      const next = args[i + 1]
      if (next === undefined || next.startsWith('--'))
        throw new UsageError(`--${name} needs a value`, command)
      value = next
      i++
    }
    if (spec) options[name] = value
    if (!spec || name === 'config') configArgv.push(`--${name}=${String(value)}`)
  }
  return { positionals, options, configArgv }
}

function parseBoolean(name: string, text: string, command: string): boolean {
  if (['true', '1', 'yes', 'on'].includes(text.toLowerCase())) return true
  if (['false', '0', 'no', 'off'].includes(text.toLowerCase())) return false
  throw new UsageError(`--${name} takes true or false, not ${JSON.stringify(text)}`, command)
}

/** The string value of an option, or a usage error when a required one is missing. */
export function stringOption(parsed: ParsedArgs, name: string, command: string): string
export function stringOption(
  parsed: ParsedArgs,
  name: string,
  command: string,
  optional: true,
): string | undefined
export function stringOption(
  parsed: ParsedArgs,
  name: string,
  command: string,
  optional = false,
): string | undefined {
  const value = parsed.options[name]
  if (typeof value === 'string') return value
  if (optional) return undefined
  throw new UsageError(`--${name} is required`, command)
}

/** Exactly `count` positionals, named for the error message. */
export function positionals(parsed: ParsedArgs, names: readonly string[], command: string) {
  if (parsed.positionals.length < names.length)
    throw new UsageError(`missing ${names[parsed.positionals.length]}`, command)
  if (parsed.positionals.length > names.length)
    throw new UsageError(
      `unexpected argument ${JSON.stringify(parsed.positionals[names.length])}`,
      command,
    )
  return parsed.positionals
}

/** Defaults < config file < PLAYGATE_* variables < flags, as for the server. */
export function loadCliConfig(io: CliIo, parsed: ParsedArgs): Config {
  return loadConfig({ env: io.env, argv: parsed.configArgv, readFile: io.readFile })
}
