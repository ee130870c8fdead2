// `playgate revoke`, `revocations list|lift`, `sessions list|kick`, `viewer-policy show|set`:
// viewer controls from the command line (the same use cases as the native API).
import { readFileSync } from 'node:fs'
import { AppError } from '../../core/errors.ts'
import {
  POLICY_SCOPES,
  REVOCATION_KINDS,
  type PolicyScope,
  type Revocation,
  type RevocationKind,
} from '../../core/policy/viewer-policy.ts'
import { loadCliConfig, parseArgs, positionals, stringOption, type ParsedArgs } from '../args.ts'
import {
  EXIT,
  formatTime,
  printJson,
  printTable,
  UsageError,
  writeLine,
  type CliIo,
  type Command,
} from '../output.ts'
import { withRuntime } from '../runtime.ts'
import { helpText } from './help-text.ts'

const TENANT = { type: 'string', value: 'ID', help: 'the tenant (required)' } as const

const REVOKE_OPTIONS = {
  tenant: TENANT,
  kind: { type: 'string', value: 'K', help: `${REVOCATION_KINDS.join(' | ')} (with --value)` },
  value: { type: 'string', value: 'V', help: 'credential id, viewer id, video id, path or key id' },
  url: { type: 'string', value: 'URL', help: 'a leaked signed URL (instead of --kind/--value)' },
  reason: { type: 'string', value: 'TEXT', help: 'why (required; audited)' },
  domain: {
    type: 'string',
    value: 'ID',
    help: 'only this play domain (default: all of the tenant)',
  },
  'expires-at': {
    type: 'string',
    value: 'UNIX',
    help: 'end (default: when every URL signed so far expired)',
  },
} as const

const revocationJson = (entry: Revocation) => ({
  ...entry,
  expiresAt: entry.expiresAt.toISOString(),
  createdAt: entry.createdAt.toISOString(),
})

function unixOption(parsed: ParsedArgs, name: string, command: string): number | undefined {
  const text = stringOption(parsed, name, command, true)
  if (text === undefined) return undefined
  if (!/^\d{1,12}$/.test(text)) throw new UsageError(`--${name} must be Unix seconds`, command)
  return Number(text)
}

export const revokeCommand: Command = {
  help: helpText(
    'revoke',
    '',
    REVOKE_OPTIONS,
    'Refuses matching requests at the edge on every replica (at once with Redis; within 30 s otherwise). The entry ends on its own.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, REVOKE_OPTIONS, 'revoke')
    positionals(parsed, [], 'revoke')
    const tenantId = stringOption(parsed, 'tenant', 'revoke')
    const reason = stringOption(parsed, 'reason', 'revoke')
    const url = stringOption(parsed, 'url', 'revoke', true)
    const kind = stringOption(parsed, 'kind', 'revoke', true)
    const value = stringOption(parsed, 'value', 'revoke', true)
    if (url === undefined && (kind === undefined || value === undefined))
      throw new UsageError('give --url, or --kind and --value', 'revoke')
    if (kind !== undefined && !(REVOCATION_KINDS as readonly string[]).includes(kind))
      throw new UsageError(`--kind must be one of: ${REVOCATION_KINDS.join(', ')}`, 'revoke')
    const domainId = stringOption(parsed, 'domain', 'revoke', true)
    const expiresAt = unixOption(parsed, 'expires-at', 'revoke')
    const config = loadCliConfig(io, parsed)
    return withRuntime(io, config, async ({ services }) => {
      const entry =
        url !== undefined
          ? await services.viewerControls.revokeUrl(tenantId, url, reason)
          : await services.viewerControls.revoke(tenantId, {
              kind: kind as RevocationKind,
              value: value!,
              reason,
              ...(domainId !== undefined ? { domainId } : {}),
              ...(expiresAt !== undefined ? { expiresAt } : {}),
            })
      if (parsed.options.json) printJson(io, revocationJson(entry))
      else
        writeLine(
          io.stdout,
          `revoked ${entry.kind} ${entry.value} until ${formatTime(entry.expiresAt)} (${entry.id})`,
        )
      return EXIT.ok
    })
  },
}

type Runtime = Parameters<Parameters<typeof withRuntime>[2]>[0]

/**
 * A command of one tenant's viewer controls: `--tenant` and, when `operand` names one, an id;
 * `act` runs against the services.
 */
function tenantCommand(
  name: string,
  operand: '' | 'REVOCATION_ID' | 'SESSION_ID',
  summary: string,
  act: (
    runtime: Runtime & { io: CliIo },
    input: { tenantId: string; id: string; json: boolean },
  ) => Promise<void>,
): Command {
  const options = { tenant: TENANT }
  return {
    help: helpText(name, operand, options, summary),
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const parsed = parseArgs(args, options, name)
      const [id = ''] = positionals(parsed, operand === '' ? [] : [operand], name)
      const tenantId = stringOption(parsed, 'tenant', name)
      return withRuntime(io, loadCliConfig(io, parsed), async (runtime) => {
        await act({ ...runtime, io }, { tenantId, id, json: parsed.options.json === true })
        return EXIT.ok
      })
    },
  }
}

export const revocationsListCommand = tenantCommand(
  'revocations list',
  '',
  'Revocations of a tenant still in force, oldest first.',
  async ({ services, io }, { tenantId, json }) => {
    const entries = await services.viewerControls.listRevocations(tenantId)
    if (json) printJson(io, entries.map(revocationJson))
    else
      printTable(
        io,
        [
          { title: 'id' },
          { title: 'kind' },
          { title: 'value' },
          { title: 'domain' },
          { title: 'until' },
          { title: 'reason' },
        ],
        entries.map((e) => [
          e.id,
          e.kind,
          e.value,
          e.domainId ?? '*',
          formatTime(e.expiresAt),
          e.reason,
        ]),
      )
  },
)

export const revocationsLiftCommand = tenantCommand(
  'revocations lift',
  'REVOCATION_ID',
  'Deletes a revocation entry.',
  async ({ services, io }, { tenantId, id }) => {
    await services.viewerControls.lift(tenantId, id)
    writeLine(io.stdout, `lifted ${id}`)
  },
)

export const sessionsListCommand = tenantCommand(
  'sessions list',
  '',
  'Live sessions on domains and videos with caps, most recent first.',
  async ({ services, io }, { tenantId, json }) => {
    const sessions = await services.viewerSessions.list(tenantId)
    if (json) printJson(io, sessions)
    else
      printTable(
        io,
        [
          { title: 'id' },
          { title: 'viewer' },
          { title: 'video' },
          { title: 'ip' },
          { title: 'started' },
          { title: 'last seen' },
          { title: 'bytes', align: 'right' },
          { title: 'user agent' },
        ],
        sessions.map((s) => [
          s.id,
          s.viewerId ?? '',
          s.videoId ?? '',
          s.clientIp,
          s.startedAt,
          s.lastSeenAt,
          String(s.bytes),
          s.userAgent,
        ]),
      )
  },
)

export const sessionsKickCommand = tenantCommand(
  'sessions kick',
  'SESSION_ID',
  'Revokes the session’s credential and frees its slots.',
  async ({ services, io }, { tenantId, id }) => {
    const session = await services.kickSession(tenantId, id)
    writeLine(io.stdout, `kicked ${session.id} (credential ${session.credentialId} revoked)`)
  },
)

const POLICY_OPTIONS = {
  domain: { type: 'string', value: 'ID', help: 'a play domain id' },
  video: { type: 'string', value: 'ID', help: 'a video id' },
  file: {
    type: 'string',
    value: 'FILE',
    help: 'set: the policy as JSON ({ rules, caps, callback })',
  },
} as const

function scopeOf(parsed: ParsedArgs, command: string): [PolicyScope, string] {
  const found = POLICY_SCOPES.flatMap((scope) => {
    const id = stringOption(parsed, scope, command, true)
    return id === undefined ? [] : [[scope, id] as [PolicyScope, string]]
  })
  if (found.length !== 1) throw new UsageError('give one of --domain or --video', command)
  return found[0]!
}

export const viewerPolicyShowCommand: Command = {
  help: helpText('viewer-policy show', '', POLICY_OPTIONS, 'Prints the policy as JSON.'),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, POLICY_OPTIONS, 'viewer-policy show')
    positionals(parsed, [], 'viewer-policy show')
    const [scope, id] = scopeOf(parsed, 'viewer-policy show')
    return withRuntime(io, loadCliConfig(io, parsed), async ({ services }) => {
      printJson(io, await services.viewerControls.getPolicy(scope, id))
      return EXIT.ok
    })
  },
}

export const viewerPolicySetCommand: Command = {
  help: helpText(
    'viewer-policy set',
    '',
    POLICY_OPTIONS,
    'Replaces rules, caps and callback whole.',
  ),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, POLICY_OPTIONS, 'viewer-policy set')
    positionals(parsed, [], 'viewer-policy set')
    const [scope, id] = scopeOf(parsed, 'viewer-policy set')
    const file = stringOption(parsed, 'file', 'viewer-policy set')
    let input: unknown
    try {
      input = JSON.parse(readFileSync(file, 'utf8'))
    } catch (error) {
      throw new AppError('INVALID_PARAMETER', `${file}: not a JSON file`, {
        cause: error,
        details: { parameter: 'file' },
      })
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new AppError('INVALID_PARAMETER', `${file}: must hold an object`, {
        details: { parameter: 'file' },
      })
    return withRuntime(io, loadCliConfig(io, parsed), async ({ services }) => {
      const policy = await services.viewerControls.putPolicy(scope, id, input)
      printJson(io, policy)
      return EXIT.ok
    })
  },
}
