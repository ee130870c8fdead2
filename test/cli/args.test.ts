// Command-line parsing (src/cli/args.ts, on node:util parseArgs tokens): a command's options,
// settings as flags in every spelling, booleans with =false, `--`, and our usage errors.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseArgs } from '../../src/cli/args.ts'
import type { OptionSpecs } from '../../src/cli/options.ts'

const OWN: OptionSpecs = {
  tenant: { type: 'string', value: 'ID', help: 'tenant' },
  all: { type: 'boolean', help: 'all' },
}
const parse = (...args: string[]) => parseArgs(args, OWN, 'videos list')
const usage = (message: string) => ({ name: 'UsageError', message, command: 'videos list' })

describe('cli/args parseArgs', () => {
  it('reads own options, positionals and -h', () => {
    assert.deepEqual(parse('a', '--tenant', 'tn_1', '--all', 'b', '-h'), {
      positionals: ['a', 'b'],
      options: { tenant: 'tn_1', all: true, help: true },
      configArgv: [],
    })
    assert.deepEqual(parse('--tenant=tn_1', '--all=false', '--json=yes').options, {
      tenant: 'tn_1',
      all: false,
      json: true,
    })
  })

  it('passes settings on to the configuration in every spelling, and --config too', () => {
    const parsed = parse(
      '--http.port',
      '9',
      '--data-dir=./x',
      '--edge-log-requests',
      '--config',
      'c.yaml',
    )
    assert.deepEqual(parsed.configArgv, [
      '--http.port=9',
      '--data-dir=./x',
      '--edge-log-requests=true',
      '--config=c.yaml',
    ])
    assert.deepEqual(parsed.options, { config: 'c.yaml' })
  })

  it('takes everything after -- as positionals, a lone - too', () => {
    assert.deepEqual(parse('-', '--', '--tenant', '-x').positionals, ['-', '--tenant', '-x'])
  })

  it('refuses unknown options, missing values and bad booleans with a usage error', () => {
    assert.throws(() => parse('--colour'), usage('unknown option --colour'))
    assert.throws(() => parse('--colour=red'), usage('unknown option --colour'))
    assert.throws(() => parse('-x'), usage('unknown option -x'))
    assert.throws(() => parse('--tenant'), usage('--tenant needs a value'))
    assert.throws(() => parse('--tenant', '--all'), usage('--tenant needs a value'))
    assert.throws(() => parse('--all=maybe'), usage('--all takes true or false, not "maybe"'))
  })
})
