// The command table: every `playgate` command by name (two-word names are a noun and a verb),
// in the order `playgate help` lists them. Each command's module is imported only when it runs,
// so `--help`, `--version` and a typo answer without loading the server, the database drivers
// or Fastify.
import { COMMON_OPTIONS } from './options.ts'
import { formatTable, UsageError, type Command } from './output.ts'

export interface CommandEntry {
  /** One line for `playgate help`. */
  readonly summary: string
  readonly load: () => Promise<Command>
}

export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  serve: {
    summary: 'start the server: native API, vendor dialects and media edge',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  migrate: {
    summary: 'apply pending database migrations',
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
  import: {
    summary: 'import a fixture file (JSON or YAML) idempotently',
    load: async () => (await import('./commands/import.ts')).importCommand,
  },
  'tenants list': {
    summary: 'list tenants',
    load: async () => (await import('./commands/tenants.ts')).tenantsListCommand,
  },
  'videos list': {
    summary: 'list videos (with duration and stream count)',
    load: async () => (await import('./commands/videos.ts')).videosListCommand,
  },
  'domains list': {
    summary: 'list play domains (host, scheme, TTL, whether signing is on)',
    load: async () => (await import('./commands/domains.ts')).domainsListCommand,
  },
  'play-urls': {
    summary: 'print signed playback URLs for a video’s streams',
    load: async () => (await import('./commands/play-urls.ts')).playUrlsCommand,
  },
  'access-keys create': {
    summary: 'create an access key (the secret is printed once)',
    load: async () => (await import('./commands/access-keys.ts')).accessKeysCreateCommand,
  },
  'admin-token create': {
    summary: 'create an admin API token (printed once)',
    load: async () => (await import('./commands/admin-token.ts')).adminTokenCreateCommand,
  },
  'rotate-key': {
    summary: 'rotate a play domain key ring (new primary, old primary becomes backup)',
    load: async () => (await import('./commands/rotate-key.ts')).rotateKeyCommand,
  },
  'play-auth-keys list': {
    summary: 'list the Aliyun PlayAuth server keys',
    load: async () => (await import('./commands/play-auth-keys.ts')).playAuthKeysListCommand,
  },
  'play-auth-keys rotate': {
    summary: 'store a new Aliyun PlayAuth server key',
    load: async () => (await import('./commands/play-auth-keys.ts')).playAuthKeysRotateCommand,
  },
  'play-auth-keys retire': {
    summary: 'delete Aliyun PlayAuth server keys no unexpired PlayAuth can carry',
    load: async () => (await import('./commands/play-auth-keys.ts')).playAuthKeysRetireCommand,
  },
  'master-key rotate': {
    summary: 're-seal every stored secret under the master key (rotation)',
    load: async () => (await import('./commands/master-key.ts')).masterKeyRotateCommand,
  },
  'sign-url': {
    summary: 'sign a playback URL with a play domain’s key, or with --scheme and --key',
    load: async () => (await import('./commands/sign-url.ts')).signUrlCommand,
  },
  'verify-url': {
    summary: 'verify a playback URL as the edge would, printing the reason when it is refused',
    load: async () => (await import('./commands/verify-url.ts')).verifyUrlCommand,
  },
  revoke: {
    summary:
      'revoke credentials before they expire (by credential, viewer, video, path, key or URL)',
    load: async () => (await import('./commands/viewer-controls.ts')).revokeCommand,
  },
  'revocations list': {
    summary: 'list revocations in force',
    load: async () => (await import('./commands/viewer-controls.ts')).revocationsListCommand,
  },
  'revocations lift': {
    summary: 'lift a revocation before it ends',
    load: async () => (await import('./commands/viewer-controls.ts')).revocationsLiftCommand,
  },
  'sessions list': {
    summary: 'list live viewing sessions (needs Redis to see the server’s)',
    load: async () => (await import('./commands/viewer-controls.ts')).sessionsListCommand,
  },
  'sessions kick': {
    summary: 'end a session; its credential stops working at once',
    load: async () => (await import('./commands/viewer-controls.ts')).sessionsKickCommand,
  },
  'viewer-policy show': {
    summary: 'show the viewer policy of a play domain or video',
    load: async () => (await import('./commands/viewer-controls.ts')).viewerPolicyShowCommand,
  },
  'viewer-policy set': {
    summary: 'replace the viewer policy of a play domain or video from a JSON file',
    load: async () => (await import('./commands/viewer-controls.ts')).viewerPolicySetCommand,
  },
  completion: {
    summary: 'print a shell completion script (bash or zsh)',
    load: async () => (await import('./commands/completion.ts')).completionCommand,
  },
  help: {
    summary: 'list the commands, or show one command’s options',
    load: async () => (await import('./commands/help.ts')).helpCommand,
  },
}

/** `playgate help`: every command with its summary. */
export function overview(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => [name, c.summary])
  const table = formatTable([{ title: '' }, { title: '' }], rows)
    .split('\n')
    .slice(1)
  return [
    'usage: playgate COMMAND [options]',
    '',
    'commands:',
    ...table.map((line) => `  ${line}`),
    '',
    `Every command takes ${Object.keys(COMMON_OPTIONS)
      .map((o) => `--${o}`)
      .join(', ')} and any setting of docs/config.md as a flag.`,
    'Run "playgate help COMMAND" for a command’s options; "playgate --version" for the version.',
  ].join('\n')
}

/** The command an argv names, and the arguments left for it. */
export function findCommand(
  argv: readonly string[],
): { name: string; entry: CommandEntry; args: readonly string[] } | undefined {
  const [first, second] = argv
  if (first === undefined) return undefined
  const two = second === undefined ? undefined : `${first} ${second}`
  if (two !== undefined && COMMANDS[two])
    return { name: two, entry: COMMANDS[two], args: argv.slice(2) }
  if (COMMANDS[first]) return { name: first, entry: COMMANDS[first], args: argv.slice(1) }
  return undefined
}

/** The usage error for a command line that names no command, with the nearest names. */
export function unknownCommand(argv: readonly string[]): UsageError {
  const [first = '', second] = argv
  const typed = second === undefined || second.startsWith('-') ? first : `${first} ${second}`
  const group = Object.keys(COMMANDS).filter((name) => name.startsWith(`${first} `))
  if (group.length > 0)
    return new UsageError(
      `unknown command "${typed}"; try ${group.map((g) => `"${g}"`).join(' or ')}`,
    )
  const near = nearest(typed, Object.keys(COMMANDS)) ?? nearest(first, Object.keys(COMMANDS))
  return new UsageError(`unknown command "${typed}"${near ? `; did you mean "${near}"?` : ''}`)
}

/** The closest name within a third of its length in edits (and at most 3), if any. */
export function nearest(typed: string, names: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const name of names) {
    const distance = editDistance(typed, name)
    if (distance < bestDistance) {
      best = name
      bestDistance = distance
    }
  }
  const limit = Math.min(3, Math.max(1, Math.floor((best?.length ?? 0) / 3)))
  return bestDistance <= limit ? best : undefined
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    previous = current
  }
  return previous[b.length]!
}
