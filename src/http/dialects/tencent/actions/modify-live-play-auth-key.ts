// ModifyLivePlayAuthKey (tencent-live.md §5.2): absent fields keep their value ("不传表示不修改
// 当前值"); the change reaches the edge of every replica within a second (the domain cache).
import { MAX_AUTH_DELTA } from '../../../../services/live-play-auth.ts'
import type { TencentAction } from '../dialect.ts'
import { onlyKnown, optionalInteger, optionalString, requiredString } from '../schemas.ts'

export const modifyLivePlayAuthKey: TencentAction = {
  name: 'ModifyLivePlayAuthKey',
  limit: 100,
  async run({ request, principal, services }) {
    const p = request.params
    onlyKnown(p, ['DomainName', 'Enable', 'AuthKey', 'AuthDelta', 'AuthBackKey'])
    const domainName = requiredString(p, 'DomainName')
    const enable = optionalInteger(p, 'Enable', { min: 0, max: 1 })
    const authKey = optionalString(p, 'AuthKey')
    const authBackKey = optionalString(p, 'AuthBackKey')
    const authDelta = optionalInteger(p, 'AuthDelta', { min: 0, max: MAX_AUTH_DELTA })
    await services.livePlayAuth.modify(principal.tenantId, domainName, {
      ...(enable !== undefined ? { enabled: enable === 1 } : {}),
      ...(authKey !== undefined ? { authKey } : {}),
      ...(authBackKey !== undefined ? { authBackKey } : {}),
      ...(authDelta !== undefined ? { authDelta } : {}),
    })
    return {}
  },
}
