// `playgate sign-url` and `playgate verify-url`: every scheme round-trips from the command line
// with --scheme/--key, a domain's ring is used by host, and refusals print their reason code.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { signUrlCommand } from '../../src/cli/commands/sign-url.ts'
import { verifyUrlCommand } from '../../src/cli/commands/verify-url.ts'
import { reportError, type Command } from '../../src/cli/output.ts'
import { URL_SCHEME_NAMES } from '../../src/core/schemes/url-scheme.ts'
import { capture, cliWorld, withFixture, type CliResult } from './cli-harness.ts'

/** Runs one command as cli/main.ts would (its table is wired by the CLI's owner). */
function runner(world: ReturnType<typeof cliWorld>) {
  return async (command: Command, args: string[]): Promise<CliResult> => {
    const stdout = capture()
    const stderr = capture()
    const io = {
      stdout: stdout.stream,
      stderr: stderr.stream,
      env: world.env,
      readFile: () => '',
      overrides: { clock: world.clock },
    }
    let code: number
    try {
      code = await command.run(args, io)
    } catch (error) {
      code = reportError(io, error)
    }
    return { code, stdout: stdout.text(), stderr: stderr.text() }
  }
}

const T0 = Date.UTC(2026, 0, 1) / 1000

describe('playgate sign-url / verify-url with --scheme and --key', () => {
  for (const scheme of URL_SCHEME_NAMES) {
    it(`${scheme}: signs, verifies, and refuses a tampered or expired URL with its reason`, async (t) => {
      const run = runner(cliWorld(t))
      const key = ['--scheme', scheme, '--key', 'cliKey0123456789', '--ttl', '600']
      const signed = await run(signUrlCommand, ['/v/abc/index.m3u8', ...key])
      assert.equal(signed.code, 0, signed.stderr)
      const target = signed.stdout.trim()
      assert.match(target, /^\//)

      const ok = await run(verifyUrlCommand, [target, ...key, '--json'])
      assert.equal(ok.code, 0, ok.stderr)
      assert.equal(JSON.parse(ok.stdout).key, 'primary')
      assert.equal(JSON.parse(ok.stdout).expiresAt, T0 + 600)

      const other = await run(verifyUrlCommand, [
        target,
        ...key.slice(0, 2),
        '--key',
        'another-key-000',
        '--ttl',
        '600',
      ])
      assert.equal(other.code, 1)
      assert.equal(other.stderr, 'error[SIGNATURE_MISMATCH]: signature mismatch\n')

      const late = await run(verifyUrlCommand, [target, ...key, '--now', String(T0 + 700)])
      assert.equal(late.code, 1)
      assert.match(late.stderr, /^error\[TOKEN_EXPIRED\]: /)
    })
  }

  it('verifies with the backup key and says so', async (t) => {
    const run = runner(cliWorld(t))
    const signed = await run(signUrlCommand, [
      '/a.mp4',
      '--scheme',
      'aliyun-a',
      '--key',
      'old-key-1',
    ])
    const result = await run(verifyUrlCommand, [
      signed.stdout.trim(),
      '--scheme',
      'aliyun-a',
      '--key',
      'new-key-2',
      '--backup-key',
      'old-key-1',
    ])
    assert.equal(result.code, 0)
    assert.match(result.stdout, /^key +backup$/m)
    assert.match(result.stdout, /^expires +2026-01-01T00:30:00.000Z$/m)
  })

  it('prints a usage error without a key source', async (t) => {
    const run = runner(cliWorld(t))
    const result = await run(signUrlCommand, ['/a.mp4'])
    assert.equal(result.code, 2)
    assert.match(result.stderr, /^error\[USAGE\]: --domain or --scheme and --key are required/)
  })
})

describe('playgate sign-url / verify-url with a play domain', () => {
  it('signs a stream location as the domain’s full URL and verifies it by its host', async (t) => {
    const world = cliWorld(t)
    await withFixture(world)
    const run = runner(world)
    const signed = await run(signUrlCommand, [
      'demo/mp4/demo.mp4',
      '--domain',
      'media.acme.test',
      '--rand',
      '0',
      '--json',
    ])
    assert.equal(signed.code, 0, signed.stderr)
    const { url, expiresAt } = JSON.parse(signed.stdout)
    // url-signing.md §2.1 (Aliyun A): auth_key = ts-rand-uid-md5, ts = expiresAt - TTL.
    assert.match(
      url,
      /^http:\/\/127\.0\.0\.1:8080\/play\/media\.acme\.test\/demo\/mp4\/demo\.mp4\?auth_key=1767225600-0-0-[0-9a-f]{32}$/,
    )
    assert.equal(expiresAt, T0 + 1800)
    const verified = await run(verifyUrlCommand, [url])
    assert.equal(verified.code, 0, verified.stderr)
    assert.match(verified.stdout, /^scheme +aliyun-a$/m)

    const tampered = await run(verifyUrlCommand, [url.replace('demo.mp4', 'other.mp4')])
    assert.deepEqual(tampered, {
      code: 1,
      stdout: '',
      stderr: 'error[SIGNATURE_MISMATCH]: signature mismatch\n',
    })
  })

  it('fails with NOT_FOUND for an unknown domain', async (t) => {
    const world = cliWorld(t)
    const result = await runner(world)(signUrlCommand, ['/a.mp4', '--domain', 'nope.test'])
    assert.deepEqual(result, {
      code: 1,
      stdout: '',
      stderr: 'error[NOT_FOUND]: play domain "nope.test" not found\n',
    })
  })
})
