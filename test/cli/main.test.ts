// The command line itself: the overview, per-command help, and usage errors (exit 2) before any
// command runs.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { overview } from '../../src/cli/commands.ts'
import { cliWorld, REPO } from './cli-harness.ts'

describe('playgate', () => {
  it('lists every command on stdout for help, exit 0', async (t) => {
    const { run } = cliWorld(t)
    const result = await run(['help'])
    assert.deepEqual(result, { code: 0, stdout: overview() + '\n', stderr: '' })
    assert.equal(
      overview(),
      [
        'usage: playgate COMMAND [options]',
        '',
        'commands:',
        '  serve                  start the server: native API, vendor dialects and media edge',
        '  migrate                apply pending database migrations',
        '  import                 import a fixture file (JSON or YAML) idempotently',
        '  tenants list           list tenants',
        '  videos list            list videos (with duration and stream count)',
        '  domains list           list play domains (host, scheme, TTL, whether signing is on)',
        '  play-urls              print signed playback URLs for a video’s streams',
        '  access-keys create     create an access key (the secret is printed once)',
        '  admin-token create     create an admin API token (printed once)',
        '  rotate-key             rotate a play domain key ring (new primary, old primary becomes backup)',
        '  play-auth-keys list    list the Aliyun PlayAuth server keys',
        '  play-auth-keys rotate  store a new Aliyun PlayAuth server key',
        '  play-auth-keys retire  delete Aliyun PlayAuth server keys no unexpired PlayAuth can carry',
        '  master-key rotate      re-seal every stored secret under the master key (rotation)',
        '  sign-url               sign a playback URL with a play domain’s key, or with --scheme and --key',
        '  verify-url             verify a playback URL as the edge would, printing the reason when it is refused',
        '  revoke                 revoke credentials before they expire (by credential, viewer, video, path, key or URL)',
        '  revocations list       list revocations in force',
        '  revocations lift       lift a revocation before it ends',
        '  sessions list          list live viewing sessions (needs Redis to see the server’s)',
        '  sessions kick          end a session; its credential stops working at once',
        '  viewer-policy show     show the viewer policy of a play domain or video',
        '  viewer-policy set      replace the viewer policy of a play domain or video from a JSON file',
        '  completion             print a shell completion script (bash or zsh)',
        '  help                   list the commands, or show one command’s options',
        '',
        'Every command takes --json, --config, --help and any setting of docs/config.md as a flag.',
        'Run "playgate help COMMAND" for a command’s options; "playgate --version" for the version.',
      ].join('\n'),
    )
  })

  it('prints the overview on stderr and exits 2 without a command', async (t) => {
    const { run } = cliWorld(t)
    assert.deepEqual(await run([]), { code: 2, stdout: '', stderr: overview() + '\n' })
  })

  it('shows a command’s options for --help and for help COMMAND', async (t) => {
    const { run } = cliWorld(t)
    const viaFlag = await run(['tenants', 'list', '--help'])
    const viaHelp = await run(['help', 'tenants', 'list'])
    assert.equal(viaFlag.code, 0)
    assert.equal(viaFlag.stdout, viaHelp.stdout)
    assert.equal(
      viaFlag.stdout,
      [
        'usage: playgate tenants list [options]',
        '',
        'Lists every tenant: id, name, status and creation time.',
        '',
        'options:',
        '  --json         print JSON instead of a table',
        '  --config FILE  read settings from a YAML or JSON config file',
        '  --help         show this help',
        '',
        'Any setting of docs/config.md is also a flag, e.g. --data-dir ./data or --database.url URL.',
        '',
      ].join('\n'),
    )
  })

  it('routes sign-url and verify-url to their commands', async (t) => {
    const { run } = cliWorld(t)
    for (const name of ['sign-url', 'verify-url']) {
      const result = await run([name, '--help'])
      assert.equal(result.code, 0)
      assert.ok(result.stdout.startsWith(`usage: playgate ${name} `), result.stdout)
    }
  })

  it('exits 2 for an unknown command, naming the commands of a known noun', async (t) => {
    const { run } = cliWorld(t)
    assert.deepEqual(await run(['tenants']), {
      code: 2,
      stdout: '',
      stderr:
        'error[USAGE]: unknown command "tenants"; try "tenants list"\nrun "playgate help" for usage\n',
    })
    assert.deepEqual(await run(['frobnicate', 'now']), {
      code: 2,
      stdout: '',
      stderr: 'error[USAGE]: unknown command "frobnicate now"\nrun "playgate help" for usage\n',
    })
    assert.equal((await run(['help', 'frobnicate'])).code, 2)
  })

  it('suggests the nearest command for a typo', async (t) => {
    const { run } = cliWorld(t)
    for (const [typed, near] of [
      [['serv'], 'serve'],
      [['tenant', 'list'], 'tenants list'],
      [['sign-ulr'], 'sign-url'],
      [['domain', 'list'], 'domains list'],
    ] as const)
      assert.deepEqual(await run(typed), {
        code: 2,
        stdout: '',
        stderr: `error[USAGE]: unknown command "${typed.join(' ')}"; did you mean "${near}"?\nrun "playgate help" for usage\n`,
      })
  })

  it('prints its version for --version, -V and version', async (t) => {
    const { run } = cliWorld(t)
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      version: string
    }
    for (const flag of ['--version', '-V', 'version'])
      assert.deepEqual(await run([flag]), { code: 0, stdout: `playgate ${version}\n`, stderr: '' })
  })

  it('prints a bash completion script that knows every command word', async (t) => {
    const { run } = cliWorld(t)
    const result = await run(['completion', 'bash'])
    assert.equal(result.code, 0)
    assert.match(result.stdout, /complete -F _playgate playgate\n$/)
    assert.match(
      result.stdout,
      /compgen -W "serve migrate import tenants videos domains play-urls /,
    )
    assert.match(result.stdout, / {4}tenants\) COMPREPLY=\(\$\(compgen -W "list" -- "\$cur"\)\) ;;/)
    assert.equal((await run(['completion', 'fish'])).code, 2)
  })

  it('exits 2 for an unknown option or a missing value', async (t) => {
    const { run } = cliWorld(t)
    assert.deepEqual(await run(['tenants', 'list', '--colour']), {
      code: 2,
      stdout: '',
      stderr: 'error[USAGE]: unknown option --colour\nrun "playgate help tenants list" for usage\n',
    })
    assert.deepEqual(await run(['videos', 'list', '--tenant']), {
      code: 2,
      stdout: '',
      stderr: 'error[USAGE]: --tenant needs a value\nrun "playgate help videos list" for usage\n',
    })
  })

  it('takes settings as flags over PLAYGATE_* variables, and exits 78 on invalid ones', async (t) => {
    const { run } = cliWorld(t)
    const bad = await run(['tenants', 'list'], { env: { PLAYGATE_HTTP_PORT: 'eighty' } })
    assert.deepEqual(bad, {
      code: 78,
      stdout: '',
      stderr:
        'error[INVALID_PARAMETER]: invalid configuration\n  http.port = "eighty" (from PLAYGATE_HTTP_PORT): must be a whole number from 0 to 65535\n',
    })
    const fixed = await run(['tenants', 'list', '--http-port', '8081'], {
      env: { PLAYGATE_HTTP_PORT: 'eighty' },
    })
    assert.equal(fixed.code, 0, fixed.stderr)
  })
})
