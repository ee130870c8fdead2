// DescribeLiveDomain (tencent-live.md §5.3): one of the tenant's play domains as DomainInfo.
import type { TencentAction } from '../dialect.ts'
import { domainInfoBody, onlyKnown, requiredString } from '../schemas.ts'

export const describeLiveDomain: TencentAction = {
  name: 'DescribeLiveDomain',
  limit: 100,
  async run({ request, principal, services }) {
    onlyKnown(request.params, ['DomainName'])
    const domain = await services.livePlayAuth.find(
      principal.tenantId,
      requiredString(request.params, 'DomainName'),
    )
    return { DomainInfo: domainInfoBody(domain) }
  },
}
