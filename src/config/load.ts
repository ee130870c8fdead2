// loadConfig: defaults < config file (YAML or JSON) < PLAYGATE_* env < flags. Pure given its inputs: only main.ts
// and cli/main.ts hand it process.env and process.argv.
import { parseTrustedProxies } from '../core/policy/client-ip.ts'
import { Value } from '@sinclair/typebox/value'
import type { TObject, TSchema } from '@sinclair/typebox'
import { allowedValues, describeProblem, shownValue } from './describe.ts'
import { readConfigFile } from './file.ts'
import { ConfigError, ENV_PREFIX, envName } from './problems.ts'
import { ConfigSchema, type Config } from './schema.ts'

// Kept importable from here, where they were first.
export { ConfigError, ENV_PREFIX, envName }

export interface ConfigSources {
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Flags like `--http.port=9090` or `--http-port 9090`. */
  readonly argv?: readonly string[]
  readonly readFile?: (path: string) => string
}

/** One setting: its dotted path, env name and schema. */
export interface Setting {
  readonly path: readonly string[]
  readonly env: string
  readonly schema: TSchema
}

export function listSettings(schema: TObject = ConfigSchema, prefix: string[] = []): Setting[] {
  return Object.entries(schema.properties).flatMap(([name, child]) => {
    const path = [...prefix, name]
    if (child.type === 'object') return listSettings(child as TObject, path)
    return [{ path, env: envName(path), schema: child }]
  })
}

/**
 * The env name of `limits.<dialect>.<Action>`: `PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_PLAY_AUTH`. Any
 * spelling that differs only in `_` and case (`…_GETVIDEOPLAYAUTH`) names the same action.
 */
export function actionLimitEnvName(dialect: string, action: string): string {
  const words = action.replace(/([a-z0-9])([A-Z])/g, '$1_$2')
  return `${ENV_PREFIX}LIMITS_${dialect}_${words}`.toUpperCase()
}

/** Action names compare without `_`, `-` and case, so env spellings find them. */
export function normalizeActionName(name: string): string {
  return name.replace(/[_-]/g, '').toUpperCase()
}

const ACTION_LIMIT_ENV = new RegExp(`^${ENV_PREFIX}LIMITS_([A-Z][A-Z0-9]*)_([A-Z0-9_]+)$`)
const INTEGER = { type: 'integer' } as unknown as TSchema
const URL_SETTINGS = { database: ['database', 'url'], redis: ['redis', 'url'] }
const ACTION_LIMIT_FLAG = /^limits\.([a-z][a-z0-9]*)\.([A-Za-z0-9_]+)$/

export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? {}
  const problems: string[] = []
  const settings = listSettings()
  const flags = parseFlags(sources.argv ?? [], problems)
  // Every section exists up front, so TypeBox can fill each leaf's default.
  const raw: Record<string, unknown> = Object.fromEntries(
    Object.keys(ConfigSchema.properties).map((section) => [section, {}]),
  )

  // Where each value came from, for messages: `file x.yaml`, `PLAYGATE_HTTP_PORT`, `--http-port`.
  const origin = new Map<string, string>()
  const file = flags.get('config') ?? env[`${ENV_PREFIX}CONFIG_FILE`]
  if (file) mergeFile(raw, file, sources.readFile, problems, origin)

  for (const s of settings) {
    const dotted = s.path.join('.')
    const secretFile = env[s.env] === undefined ? `${s.env}_FILE` : s.env
    const fromEnv = env[s.env] ?? readSecretFile(env, s, sources.readFile, problems)
    if (fromEnv !== undefined) {
      setPath(raw, s.path, coerce(fromEnv, s.schema))
      origin.set(dotted, secretFile)
    }
    const kebab = s.path.map((p) => p.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join('-')
    const flagName = flags.has(dotted) ? dotted : kebab
    const fromFlag = flags.get(flagName)
    if (fromFlag !== undefined) {
      setPath(raw, s.path, coerce(fromFlag, s.schema))
      origin.set(dotted, `--${flagName}`)
    }
  }
  // A misspelt variable would otherwise be ignored in silence. PLAYGATE_TEST_* belong to the tests.
  const known = new Set(settings.flatMap((s) => [s.env, `${s.env}_FILE`]))
  for (const [name, value] of Object.entries(env)) {
    // limits.<dialect>.<Action>: the dialect registry checks the names once the app is built.
    const actionLimit = known.has(name) ? null : ACTION_LIMIT_ENV.exec(name)
    if (actionLimit && value !== undefined) {
      setPath(
        raw,
        ['limits', actionLimit[1]!.toLowerCase(), actionLimit[2]!],
        coerce(value, INTEGER),
      )
      continue
    }
    if (
      name.startsWith(ENV_PREFIX) &&
      !known.has(name) &&
      name !== `${ENV_PREFIX}CONFIG_FILE` &&
      !name.startsWith(`${ENV_PREFIX}TEST_`)
    )
      problems.push(`unknown setting ${name}`)
  }
  for (const [name, value] of flags) {
    const actionLimit = ACTION_LIMIT_FLAG.exec(name)
    if (actionLimit)
      setPath(raw, ['limits', actionLimit[1]!, actionLimit[2]!], coerce(value, INTEGER))
    else if (name !== 'config' && !settings.some((s) => matchesFlag(s, name)))
      problems.push(`unknown flag --${name}`)
  }

  const withDefaults = Value.Default(ConfigSchema, Value.Clone(raw))
  const reported = new Set<string>()
  for (const error of Value.Errors(ConfigSchema, withDefaults)) {
    const path = error.path.slice(1).split('/')
    const dotted = path.join('.')
    // A union (log.level) fails once per member: one line per setting is enough.
    if (reported.has(dotted)) continue
    reported.add(dotted)
    const env =
      path.length === 3 && path[0] === 'limits'
        ? actionLimitEnvName(path[1]!, path[2]!)
        : envName(path)
    problems.push(
      describeProblem(
        path,
        error.value,
        origin.get(dotted) ?? `${env}, default`,
        schemaAt(path),
        error.message,
      ),
    )
  }
  for (const path of [URL_SETTINGS.database, URL_SETTINGS.redis]) {
    const dotted = path.join('.')
    const url = valueAt(withDefaults, path)
    if (typeof url !== 'string' || reported.has(dotted) || !/^[a-z]+:\/\//.test(url)) continue
    if (!parsesAsUrl(url, path === URL_SETTINGS.database))
      problems.push(
        `${dotted} = ${shownValue(path, url)} (from ${origin.get(dotted) ?? envName(path)}): is ` +
          'not a valid URL (percent-encode special characters in the user name and password, ' +
          `e.g. @ as %40); ${allowedValues(schemaAt(path)!)}`,
      )
  }
  const proxies = (withDefaults as { edge?: { trustedProxies?: unknown } }).edge?.trustedProxies
  if (typeof proxies === 'string') {
    try {
      parseTrustedProxies(splitList(proxies))
    } catch (error) {
      problems.push(
        `edge.trustedProxies (PLAYGATE_EDGE_TRUSTED_PROXIES): ${(error as Error).message}`,
      )
    }
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return deepFreeze(Value.Clean(ConfigSchema, withDefaults) as Config)
}

/**
 * Whether the PostgreSQL driver and the Redis client can parse a URL (both use WHATWG URL), checked
 * here so a malformed one is a configuration problem, not an `Invalid URL` at start-up. For
 * PostgreSQL, as pg-connection-string does, spaces are encoded first and an empty host
 * (`user@/db?host=/socket`) is fine.
 */
function parsesAsUrl(url: string, postgres: boolean): boolean {
  if (!postgres) return URL.canParse(url)
  const encoded = / |%[^a-f0-9]|%[a-f0-9][^a-f0-9]/i.test(url) ? encodeURI(url) : url
  return URL.canParse(encoded) || URL.canParse(encoded.replace('@/', '@host/'))
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], root)
}

/** A comma-separated setting as its entries, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
}

function matchesFlag(s: Setting, name: string): boolean {
  const kebab = s.path.map((p) => p.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join('-')
  return name === s.path.join('.') || name === kebab
}

function parseFlags(argv: readonly string[], problems: string[]): Map<string, string> {
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) {
      problems.push(`unexpected argument ${JSON.stringify(arg)}`)
      continue
    }
    const eq = arg.indexOf('=')
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1))
    else {
      const next = argv[i + 1]
      if (next === undefined || next.startsWith('--')) flags.set(arg.slice(2), 'true')
      else {
        flags.set(arg.slice(2), next)
        i++
      }
    }
  }
  return flags
}

function mergeFile(
  raw: Record<string, unknown>,
  path: string,
  readFile: ConfigSources['readFile'],
  problems: string[],
  origin: Map<string, string>,
): void {
  if (!readFile) return void problems.push(`config file ${path}: no file reader given`)
  let text: string
  try {
    text = readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return void problems.push(`config file ${path}: cannot read it (${code})`)
  }
  for (const { path: at, value } of readConfigFile(path, text, ConfigSchema, problems).values) {
    setPath(raw, at, value)
    origin.set(at.join('.'), `file ${path}`)
  }
}

/** The schema of one setting, by path (limits.<dialect>.<Action> included). */
function schemaAt(path: readonly string[]): TSchema | undefined {
  let node: TSchema | undefined = ConfigSchema
  for (const key of path) {
    const properties = node?.properties as Record<string, TSchema> | undefined
    const patterns = node?.patternProperties as Record<string, TSchema> | undefined
    const additional = node?.additionalProperties as TSchema | boolean | undefined
    node =
      properties?.[key] ??
      (typeof additional === 'object' ? additional : undefined) ??
      (patterns ? Object.values(patterns)[0] : undefined)
  }
  return node
}

function readSecretFile(
  env: Readonly<Record<string, string | undefined>>,
  s: Setting,
  readFile: ConfigSources['readFile'],
  problems: string[],
): string | undefined {
  const path = env[`${s.env}_FILE`]
  if (path === undefined || !readFile) return undefined
  try {
    return readFile(path).trim()
  } catch (error) {
    problems.push(
      `${s.env}_FILE: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    )
    return undefined
  }
}

function coerce(value: string, schema: TSchema): unknown {
  if (schema.type === 'integer' || schema.type === 'number') {
    return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value
  }
  if (schema.type === 'boolean') {
    if (['true', '1', 'yes', 'on'].includes(value.toLowerCase())) return true
    if (['false', '0', 'no', 'off'].includes(value.toLowerCase())) return false
  }
  return value
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) {
    const next = node[key]
    if (typeof next !== 'object' || next === null) node[key] = {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1]!] = value
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
