// limits.<dialect>.<Action>: the config loader's open record, the registry's start-up check, and
// the precedence new name > deprecated flat name > the action's default.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { actionLimitEnvName, ConfigError, loadConfig } from '../../../src/config/load.ts'
import { actionLimitProblems, resolveActionLimit } from '../../../src/http/dialects/limits.ts'
import { DIALECTS } from '../../../src/http/dialects/registry.ts'

const aliyun = DIALECTS.find((d) => d.name === 'aliyun')!
const action = (name: string) => aliyun.actions.find((a) => a.name === name)!
const limitOf = (env: Record<string, string>, name: string, argv: string[] = []) =>
  resolveActionLimit(loadConfig({ env, argv }), aliyun, action(name))

describe('dialect limits', () => {
  it('names each action mechanically in the environment', () => {
    assert.equal(
      actionLimitEnvName('aliyun', 'GetVideoPlayAuth'),
      'PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_PLAY_AUTH',
    )
  })

  it("uses the action's default with no setting", () => {
    assert.equal(limitOf({}, 'GetVideoPlayAuth'), 360)
  })

  it('reads limits.<dialect>.<Action> from env (either spelling), flags and files', () => {
    assert.equal(limitOf({ PLAYGATE_LIMITS_ALIYUN_GET_PLAY_INFO: '7' }, 'GetPlayInfo'), 7)
    assert.equal(limitOf({ PLAYGATE_LIMITS_ALIYUN_GETPLAYINFO: '8' }, 'GetPlayInfo'), 8)
    assert.equal(limitOf({}, 'GetPlayInfo', ['--limits.aliyun.GetPlayInfo=9']), 9)
    const config = loadConfig({
      env: { PLAYGATE_CONFIG_FILE: '/c.json' },
      readFile: () => JSON.stringify({ limits: { aliyun: { GetVideoInfo: 4 } } }),
    })
    assert.equal(resolveActionLimit(config, aliyun, action('GetVideoInfo')), 4)
  })

  it('still honours the deprecated flat names, below the new ones', () => {
    const old = { PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_PLAY_AUTH_QPS: '5' }
    assert.equal(limitOf(old, 'GetVideoPlayAuth'), 5)
    assert.equal(
      limitOf({ ...old, PLAYGATE_LIMITS_ALIYUN_GET_VIDEO_PLAY_AUTH: '6' }, 'GetVideoPlayAuth'),
      6,
    )
  })

  it('refuses a limit below 1 at load time, naming its env variable', () => {
    assert.throws(
      () => loadConfig({ env: { PLAYGATE_LIMITS_ALIYUN_GET_PLAY_INFO: '0' } }),
      (error: ConfigError) =>
        error.problems.some((p) => p.includes('PLAYGATE_LIMITS_ALIYUN_GET_PLAY_INFO')),
    )
  })

  it('reports an unknown dialect or action as a start-up problem', () => {
    const config = loadConfig({
      env: { PLAYGATE_LIMITS_ALIYUN_GET_PLAY_INFOS: '3', PLAYGATE_LIMITS_NOPE_X: '3' },
    })
    assert.deepEqual(actionLimitProblems(config, DIALECTS), [
      'limits.aliyun.GET_PLAY_INFOS: Aliyun has no action GET_PLAY_INFOS (it has GetVideoPlayAuth, GetPlayInfo, GetVideoInfo)',
      'limits.nope: no dialect is named nope',
    ])
  })
})
