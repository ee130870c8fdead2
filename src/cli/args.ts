// Command-line arguments: a command's own options, the options every command takes (--json,
// --config, -h), and any setting of docs/config.md as a flag (`--data-dir ./x`, `--http.port=9`),
// which goes on to loadConfig so flags beat PLAYGATE_* variables.
import { parseArgs as parseArgsTokens } from 'node:util'
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

type NodeOptions = NonNullable<Parameters<typeof parseArgsTokens>[0]>['options']

/**
 * What node:util's parseArgs is told: every setting (dotted and kebab names) and the command's own
 * options, each with its type, so `--http.port 9` takes the 9. Its tokens are read below in
 * non-strict mode: booleans take `=false`, and the messages are ours (exit 2, "did you mean").
 */
function nodeOptions(specs: OptionSpecs): NodeOptions {
  const options: NodeOptions = {}
  for (const setting of listSettings()) {
    const type = setting.schema.type === 'boolean' ? 'boolean' : 'string'
    options[setting.path.join('.')] = { type }
    options[kebab(setting.path)] = { type }
  }
  for (const [name, spec] of Object.entries(specs)) options[name] = { type: spec.type }
  options.help = { type: 'boolean', short: 'h' }
  return options
}

export function parseArgs(args: readonly string[], own: OptionSpecs, command: string): ParsedArgs {
  const specs: OptionSpecs = { ...COMMON_OPTIONS, ...own }
  const positionals: string[] = []
  const options: Record<string, string | boolean> = {}
  const configArgv: string[] = []
  const { tokens } = parseArgsTokens({
    args: [...args],
    options: nodeOptions(specs),
    strict: false,
    allowPositionals: true,
    tokens: true,
  })
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value)
    if (token.kind !== 'option') continue
    const { name, rawName } = token
    if (rawName === '-h') {
      options.help = true
      continue
    }
    const spec = specs[name]
    const setting = spec ? undefined : settingFor(name)
    if (!rawName.startsWith('--') || (!spec && !setting))
      throw new UsageError(`unknown option ${rawName}`, command)
    const isBoolean = spec ? spec.type === 'boolean' : setting!.schema.type === 'boolean'
    let value: string | boolean
    if (token.inlineValue)
      value = isBoolean ? parseBoolean(name, token.value, command) : token.value
    else if (isBoolean) value = true
    // A string option takes the next word, unless that is another option.
    else if (token.value === undefined || token.value.startsWith('--'))
      throw new UsageError(`--${name} needs a value`, command)
    else value = token.value
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
