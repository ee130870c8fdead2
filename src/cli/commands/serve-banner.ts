// What `serve` says once it listens: a banner on stderr when stderr is a terminal (with a new
// admin token shown there once), otherwise one structured log line that never holds the token.
import { ADMIN_TOKEN_FILE, DEMO_PLAY_URLS, type RunningServer } from '../../main.ts'
import { writeLine, type CliIo } from '../output.ts'

export function announce(io: CliIo, server: RunningServer): void {
  const { startup } = server
  if (!io.stderr.isTTY) {
    const { adminToken, ...rest } = startup
    server.log.info(
      {
        event: 'started',
        ...rest,
        ...(adminToken ? { adminTokenCreated: adminToken.file } : {}),
      },
      'PlayGate started',
    )
    return
  }
  const demo =
    startup.demo === 'disabled'
      ? 'disabled (demo.enabled)'
      : `${startup.demo}; signed URLs: GET ${startup.urls.api.replace(/\/v1$/, '')}${DEMO_PLAY_URLS}`
  const rows: [string, string][] = [
    ['API', startup.urls.api],
    ['Docs', startup.urls.docs],
    ['Console', startup.urls.console],
    ['Edge', startup.urls.edge],
    ['Metrics', startup.urls.metrics],
    ['Data dir', startup.dataDir],
    ['Database', startup.database],
    ['Shared state', startup.sharedState],
    ['Demo', demo],
  ]
  const lines = [
    '',
    `PlayGate ${startup.version} is running`,
    '',
    ...rows.map(([name, value]) => `  ${name.padEnd(13)}${value}`),
    '',
  ]
  if (startup.adminToken)
    lines.push(
      `Admin API token (shown once here; also in ${startup.adminToken.file}, mode 0600):`,
      '',
      `  ${startup.adminToken.token}`,
      '',
      'Send it as "Authorization: Bearer <token>". Another one: playgate admin-token create',
      '',
    )
  else
    lines.push(
      `Admin token: the one created on first start (${ADMIN_TOKEN_FILE} in the data dir), ` +
        'or make another with: playgate admin-token create',
      '',
    )
  lines.push('Press Ctrl-C to stop.')
  writeLine(io.stderr, lines.join('\n'))
}
