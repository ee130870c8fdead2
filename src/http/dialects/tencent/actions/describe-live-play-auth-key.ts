// DescribeLivePlayAuthKey (tencent-live.md §5.1): a play domain's key ring, nested in
// PlayAuthKeyInfo; a disabled domain reports empty keys and zeros.
import type { TencentAction } from '../dialect.ts'
import { onlyKnown, playAuthKeyInfoBody, requiredString } from '../schemas.ts'

export const describeLivePlayAuthKey: TencentAction = {
  name: 'DescribeLivePlayAuthKey',
  // "默认接口请求频率限制：500次/秒" (§4.3).
  limit: 500,
  async run({ request, principal, services }) {
    onlyKnown(request.params, ['DomainName'])
    const domainName = requiredString(request.params, 'DomainName')
    const info = await services.livePlayAuth.describe(principal.tenantId, domainName)
    return { PlayAuthKeyInfo: playAuthKeyInfoBody(info) }
  },
}
